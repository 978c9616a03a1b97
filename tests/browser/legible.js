// Measures a dashboard page: metric values cut, table cells reading None or nan, and
// elements whose visible part runs off the main area (a box that scrolls or clips holds them).
() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  const out = {docScroll: document.documentElement.scrollWidth, vw, cutMetrics: [], cutLabels: [], overflow: [], cells: []};
  const cut = (selector, into) => {
    for (const m of document.querySelectorAll(selector)) {
      for (const t of [m, ...m.querySelectorAll('*')]) {
        if (t.scrollWidth > t.clientWidth + 1) { into.push(m.innerText); break; }
      }
    }
  };
  cut('[data-testid=stMetricValue]', out.cutMetrics);
  cut('[data-testid=stMetricLabel]', out.cutLabels);
  // an element runs off the page when its visible part does: a box that clips or scrolls
  // (overflow other than visible) shows only what lies within it
  const right = main.getBoundingClientRect().right;
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= right + 1) continue;
    let shown = r.right;
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') shown = Math.min(shown, p.getBoundingClientRect().right);
    }
    if (shown > right + 1) out.overflow.push(`${el.tagName}.${el.getAttribute('data-testid') || ''} right=${Math.round(shown)} > ${Math.round(right)}`);
  }
  for (const c of main.querySelectorAll('[role=gridcell], td')) {
    const t = c.textContent.trim();
    if (['None', 'nan', 'NaN'].includes(t)) out.cells.push(t);
  }
  return out;
}
