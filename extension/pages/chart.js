// A 30-day bar chart as inline SVG, from the core's daily series: one chart
// does not need a chart framework. Drawn with DOM calls, never markup strings.
const SVG = 'http://www.w3.org/2000/svg';

export function chart(daily, label) {
  const width = 300, height = 64, gap = 2;
  const bar = (width - gap * (daily.length - 1)) / daily.length;
  const max = Math.max(1, ...daily);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('chart');
  daily.forEach((n, i) => {
    const h = n === 0 ? 2 : Math.max(4, Math.round((n / max) * (height - 4)));
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(i * (bar + gap)));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', String(bar));
    rect.setAttribute('height', String(h));
    rect.setAttribute('rx', '1.5');
    rect.setAttribute('class', n === 0 ? 'calm' : 'tried');
    rect.dataset.count = String(n);
    svg.append(rect);
  });
  return svg;
}
