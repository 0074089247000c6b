// The fake single-page apps' shared behaviour (tests/e2e/spa/<platform>.html
// give each app its links, API request and timings, with their sources).
// What the real apps do, reduced to what a look at a person costs:
//  - one click handler on the document (React and the apps' own routers
//    listen at the root): a plain left click on an in-app link is taken over
//    (preventDefault), the person's data fetched from the app's own API,
//    their profile rendered (name, avatar image), then history.pushState;
//  - a hover card: pointing at a person's link for `hoverDelay` ms fetches
//    the same API and shows a card with the avatar, no navigation at all;
//  - a search box whose typeahead rows are links, handled by the same router,
//    and chosen from the keyboard as a combobox is (WAI-ARIA Authoring
//    Practices, "Combobox Pattern": the box keeps the focus, ArrowDown moves
//    aria-activedescendant to a row, Enter opens it; X's and LinkedIn's
//    search boxes are such comboboxes).
// The page counts what it painted: window.painted lists every person whose
// profile or hover card was in the DOM at an animation frame; window.fetched
// every person the app asked its API for; window.dropped what drags carried.
/* exported startApp */
function startApp({ people, request, hoverDelay = 300, avatar = (key) => `/spa/avatar/${key}.gif` }) {
  const byHref = new Map(people.map((p) => [p.href, p]));
  const main = renderHome(people);
  window.painted = [];
  window.fetched = [];
  (function count() {
    for (const el of document.querySelectorAll('[data-person]')) {
      if (!window.painted.includes(el.dataset.person)) window.painted.push(el.dataset.person);
    }
    requestAnimationFrame(count);
  })();

  function personOf(target) {
    const a = target instanceof Element ? target.closest('a[href]') : null;
    return a ? byHref.get(a.getAttribute('href')) ?? null : null;
  }

  async function load(person) {
    const { url, init } = request(person.key);
    window.fetched.push(person.key);
    const response = await fetch(url, { credentials: 'include', ...init });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  function card(person, id) {
    const el = document.createElement('section');
    el.id = id;
    el.dataset.person = person.key;
    const name = document.createElement('h2');
    name.textContent = person.name;
    const img = document.createElement('img');
    img.src = avatar(person.key);
    img.alt = '';
    el.append(img, name);
    return el;
  }

  // The router: the document-level click handler, and the combobox's Enter.
  document.addEventListener('click', (event) => {
    const person = personOf(event.target);
    if (!person || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(person);
  });
  async function open(person) {
    try {
      await load(person);
    } catch {
      main.querySelector('#status').textContent = 'Something went wrong';
      return;
    }
    main.querySelector('#profile')?.remove();
    main.append(card(person, 'profile'));
    history.pushState({}, '', person.href);
  }

  // The hover card.
  let hoverTimer = 0;
  document.addEventListener('mouseover', (event) => {
    const person = personOf(event.target);
    if (!person) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(async () => {
      try {
        await load(person);
      } catch {
        return;
      }
      document.querySelector('#hovercard')?.remove();
      document.body.append(card(person, 'hovercard'));
    }, hoverDelay);
  });
  document.addEventListener('mouseout', (event) => {
    if (personOf(event.target)) clearTimeout(hoverTimer);
  });

  // What a drag carried to the page (instrumentation for the tests: the
  // search box takes a dropped link, as the apps' composers take one).
  window.dropped = [];
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    window.dropped.push(event.dataTransfer.getData('text/uri-list') || event.dataTransfer.getData('text/plain'));
  });

  // The search box and its typeahead rows.
  const search = document.querySelector('#search');
  const rows = document.querySelector('#typeahead');
  search.addEventListener('input', () => {
    rows.replaceChildren();
    const typed = search.value.trim().toLowerCase();
    if (typed.length < 2) return;
    for (const person of people.filter((p) => p.key.toLowerCase().includes(typed) || p.name.toLowerCase().includes(typed))) {
      const row = document.createElement('a');
      row.href = person.href;
      row.setAttribute('role', 'option');
      row.className = 'row';
      row.dataset.row = person.key;
      row.id = `row-${person.key}`;
      row.textContent = person.name;
      rows.append(row);
    }
    search.removeAttribute('aria-activedescendant');
  });
  search.addEventListener('keydown', (event) => {
    const options = [...rows.querySelectorAll('[role="option"]')];
    const active = options.findIndex((row) => row.id === search.getAttribute('aria-activedescendant'));
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      search.setAttribute('aria-activedescendant', options[(active + 1) % options.length].id);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      open(personOf(options[active]));
    }
  });
}

/**
 * The app's home, rendered as the apps render theirs (from script): a search
 * box with its typeahead, a status line and a list of the people's links —
 * the listed one, a look-alike handle and another person, in that order.
 */
function renderHome(people) {
  const main = document.createElement('main');
  main.innerHTML = '<input id="search" type="search" role="combobox" aria-controls="typeahead" aria-expanded="true" aria-label="Search" autocomplete="off">' +
    '<nav id="typeahead" role="listbox"></nav><h1>Home</h1><p id="status"></p><ul></ul>';
  people.forEach((person, i) => {
    const a = document.createElement('a');
    a.id = ['p-listed', 'p-lookalike', 'p-other'][i];
    a.href = person.href;
    a.textContent = person.name;
    const li = document.createElement('li');
    li.append(a);
    main.querySelector('ul').append(li);
  });
  document.body.prepend(main);
  return main;
}
