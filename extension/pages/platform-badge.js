// A platform's badge: its own icon on its brand colour, from the icons
// bundled at build time (../icons/platforms.js, made by
// scripts/platform-icons.mjs from simple-icons), or, for a platform without
// one, a neutral badge with the first letters of its name. Keyed by the
// core's platform id; decorative, since the platform's name is always
// written beside it.
import { PLATFORM_ICONS } from '../icons/platforms.js';

const SVG = 'http://www.w3.org/2000/svg';

export function platformBadge(id, name) {
  const badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  badge.title = name;
  const icon = Object.hasOwn(PLATFORM_ICONS, id) ? PLATFORM_ICONS[id] : null;
  if (!icon) {
    badge.className = 'badge neutral';
    badge.dataset.initials = (name || '?').slice(0, 2);  // drawn by CSS, so it is not part of the row's text
    return badge;
  }
  badge.className = 'badge icon';
  badge.style.background = icon.bg;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', icon.path);
  path.setAttribute('fill', icon.fg);
  svg.append(path);
  badge.append(svg);
  return badge;
}
