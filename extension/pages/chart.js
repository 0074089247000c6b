// A 30-day bar chart as inline SVG, from the core's daily series: one chart
// does not need a chart framework. Drawn with DOM calls, never markup strings.
// Each bar names its day and count on hover (an SVG <title>); the dates of
// the first and last day sit under the ends; screen readers get the same
// figures as a list, since a picture of bars says nothing to them.
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAY_MS = 24 * 60 * 60 * 1000;

// The series ends today (the core counts local days up to `now`).
export function chart(daily, label, now = new Date()) {
  const format = new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { month: 'short', day: 'numeric' });
  const dayOf = (i) => format.format(new Date(now.getTime() - (daily.length - 1 - i) * DAY_MS));
  return barChart(daily, label, dayOf, (i, n) => t('chartDay', dayOf(i), n));
}

// "Your hardest hours": 24 counts, midnight first, from the core's byHour.
export function hoursChart(byHour, label) {
  const format = new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { hour: 'numeric' });
  const hourOf = (i) => format.format(new Date(2000, 0, 1, i));
  return barChart(byHour, label, hourOf, (i, n) => t('chartHour', hourOf(i), n));
}

// Bars for `values`, each named by `describe(i, n)`; `nameOf` labels the ends.
function barChart(values, label, nameOf, describe) {
  const daily = values;
  const width = 300, height = 64, gap = 2;
  const bar = (width - gap * (daily.length - 1)) / daily.length;
  const max = Math.max(1, ...daily);

  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  const caption = document.createElement('figcaption');
  caption.className = 'visually-hidden';
  caption.textContent = label;

  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('chart');
  const days = document.createElement('ol');
  days.className = 'visually-hidden';
  daily.forEach((n, i) => {
    const h = n === 0 ? 2 : Math.max(4, Math.round((n / max) * (height - 4)));
    const rect = document.createElementNS(SVG, 'rect');
    // Full height, so that the hover target is the whole column, not the bar.
    rect.setAttribute('x', String(i * (bar + gap)));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', String(bar));
    rect.setAttribute('height', String(h));
    rect.setAttribute('rx', '1.5');
    rect.setAttribute('class', n === 0 ? 'calm' : 'tried');
    rect.dataset.count = String(n);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = describe(i, n);
    rect.append(title);
    svg.append(rect);
    const item = document.createElement('li');
    item.textContent = title.textContent;
    days.append(item);
  });

  const ends = document.createElement('div');
  ends.className = 'chart-ends';
  ends.setAttribute('aria-hidden', 'true');
  ends.append(Object.assign(document.createElement('span'), { textContent: nameOf(0) }),
    Object.assign(document.createElement('span'), { textContent: nameOf(daily.length - 1) }));
  figure.append(caption, svg, ends, days);
  return figure;
}
