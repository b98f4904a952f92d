// normlab dashboard: the map of status by year, the adoption curve and stages, a state's page, the test of the
// thesis and the scenario builder. Reads only the JSON API; every number shown comes from it. No inline script:
// the page's Content-Security-Policy forbids it.
'use strict';
(function () {
  const STATUS = ['none', 'signatory', 'party', 'withdrawn'];
  // Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
  const COLOURS = { none: '#E69F00', signatory: '#56B4E9', party: '#0072B2', withdrawn: '#CC79A7' };
  const LABELS = { none: 'not joined', signatory: 'signatory', party: 'party', withdrawn: 'withdrawn' };
  const BAND = 'rgba(0, 114, 178, 0.2)';
  const view = { instrument: null, year: null, state: null, job: null };
  const charts = {};
  const tables = {};
  const statusCache = new Map();
  let meta = null;
  let shapes = [];
  let simulated = null;
  let playing = null;
  let polling = null;

  const $ = (id) => document.getElementById(id);
  const fmt = (v, d) => (v === null || v === undefined || Number.isNaN(v)) ? 'NA' : Number(v).toFixed(d);
  const signed = (v, d) => (v > 0 ? '+' : '') + fmt(v, d);

  function message(text) { $('message').textContent = text || ''; }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    if (opts.body !== undefined) { opts.headers['Content-Type'] = 'application/json'; }
    if (opts.method && opts.method !== 'GET') { Object.assign(opts.headers, authHeaders()); }
    const res = await fetch(path, opts);
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: 'http_' + res.status, detail: text }; }
    if (!res.ok) {
      const err = new Error((body && body.detail) || res.statusText);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // ---- the view in the URL -------------------------------------------------------------------------------------
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    view.instrument = p.get('instrument');
    view.year = p.has('year') ? parseInt(p.get('year'), 10) : null;
    view.state = p.get('state');
    view.job = p.get('scenario');
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (view.instrument) { p.set('instrument', view.instrument); }
    if (view.year) { p.set('year', String(view.year)); }
    if (view.state) { p.set('state', view.state); }
    if (view.job) { p.set('scenario', view.job); }
    history.replaceState(null, '', '#' + p.toString());
  }

  // ---- exports -------------------------------------------------------------------------------------------------
  function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function csvCell(v) {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function exportCsv(name) {
    const t = tables[name];
    if (!t) { message('Nothing to export yet: ' + name); return; }
    const lines = [t.header.map(csvCell).join(',')].concat(t.rows.map((r) => r.map(csvCell).join(',')));
    download(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'normlab-' + name + '.csv');
  }

  function exportPng(name) {
    const c = charts[name];
    if (!c) { message('Nothing to export yet: ' + name); return; }
    c.canvas.toBlob((b) => download(b, 'normlab-' + name + '.png'));
  }

  function mapSvgText() {
    const clone = $('map').cloneNode(true);
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', '960');
    clone.setAttribute('height', '500');
    return new XMLSerializer().serializeToString(clone);
  }

  function exportMapPng() {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([mapSvgText()], { type: 'image/svg+xml' }));
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = 1920;
      canvas.height = 1000;
      const g = canvas.getContext('2d');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => download(b, 'normlab-map-' + view.year + '.png'));
    };
    img.src = url;
  }

  document.addEventListener('click', (e) => {
    const b = e.target.closest('[data-export]');
    if (!b) { return; }
    const what = b.getAttribute('data-export');
    if (what === 'map-svg') {
      download(new Blob([mapSvgText()], { type: 'image/svg+xml' }), 'normlab-map-' + view.year + '.svg');
    } else if (what === 'map-png') {
      exportMapPng();
    } else if (what.endsWith('-csv')) {
      exportCsv(what.slice(0, -4));
    } else if (what.endsWith('-png')) {
      exportPng(what.slice(0, -4));
    }
  });

  function chart(name, config) {
    if (charts[name]) { charts[name].destroy(); }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[name] = new Chart($(name + '-chart'), config);
    return charts[name];
  }

  // ---- the map -------------------------------------------------------------------------------------------------
  async function loadShapes() {
    const world = await (await fetch('vendor/world-atlas/countries-50m.json')).json();
    const features = topojson.feature(world, world.objects.countries).features;
    const projection = d3.geoEqualEarth().fitExtent([[4, 4], [956, 496]], { type: 'Sphere' });
    const path = d3.geoPath(projection);
    const svg = $('map');
    const ns = 'http://www.w3.org/2000/svg';
    const sphere = document.createElementNS(ns, 'path');
    sphere.setAttribute('d', path({ type: 'Sphere' }));
    sphere.setAttribute('fill', '#eef4f8');
    svg.appendChild(sphere);
    shapes = features.map((f) => {
      const p = document.createElementNS(ns, 'path');
      p.setAttribute('d', path(f) || '');
      p.setAttribute('class', 'other');
      const title = document.createElementNS(ns, 'title');
      p.appendChild(title);
      svg.appendChild(p);
      return { id: f.id === undefined ? null : String(f.id), name: f.properties.name, el: p, title: title };
    });
  }

  function legend() {
    const ul = $('legend');
    ul.textContent = '';
    STATUS.forEach((s) => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.backgroundColor = COLOURS[s];
      li.appendChild(sw);
      li.appendChild(document.createTextNode(LABELS[s]));
      ul.appendChild(li);
    });
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.backgroundColor = '#e3e3e3';
    li.appendChild(sw);
    li.appendChild(document.createTextNode('not a state in the system that year'));
    ul.appendChild(li);
  }

  async function statusOf(year) {
    const key = view.instrument + '|' + year;
    if (!statusCache.has(key)) {
      statusCache.set(key, api('/api/instruments/' + encodeURIComponent(view.instrument) + '/status?date=' + year + '-12-31'));
    }
    return statusCache.get(key);
  }

  async function showYear(year) {
    view.year = year;
    $('year').value = String(year);
    $('year-label').textContent = String(year);
    writeHash();
    const doc = await statusOf(year);
    if (view.year !== year) { return; }
    const byNumeric = new Map();
    const byName = new Map();
    doc.states.forEach((s) => {
      if (s.iso_numeric) { byNumeric.set(s.iso_numeric, s); }
      byName.set(s.name, s);
    });
    const drawn = new Set();
    shapes.forEach((sh) => {
      const s = (sh.id && byNumeric.get(sh.id)) || (!sh.id && byName.get(sh.name)) || null;
      const p = sh.el;
      if (s) {
        drawn.add(s.iso3);
        p.setAttribute('class', 'state' + (s.iso3 === view.state ? ' selected' : ''));
        p.setAttribute('fill', COLOURS[s.status]);
        p.setAttribute('data-iso3', s.iso3);
        p.setAttribute('data-status', s.status);
        p.setAttribute('tabindex', '0');
        p.setAttribute('role', 'button');
        p.setAttribute('aria-label', s.name + ': ' + LABELS[s.status] + ' at the end of ' + year);
        sh.title.textContent = s.name + ': ' + LABELS[s.status];
      } else {
        p.setAttribute('class', 'other');
        p.removeAttribute('fill');
        p.removeAttribute('data-iso3');
        p.removeAttribute('data-status');
        p.removeAttribute('tabindex');
        p.removeAttribute('role');
        p.removeAttribute('aria-label');
        sh.title.textContent = sh.name;
      }
    });
    const missing = doc.states.filter((s) => !drawn.has(s.iso3));
    $('no-shape').textContent = missing.length === 0 ? ''
      : 'Not drawn (no shape at this scale): ' + missing.map((s) => s.name + ' (' + LABELS[s.status] + ')').join(', ') + '.';
    const c = doc.counts;
    $('count').textContent = 'End of ' + year + ': ' + c.party + ' parties, ' + c.signatory + ' signatories, '
      + c.withdrawn + ' withdrawn, ' + c.none + ' not joined, of ' + doc.states.length + ' states'
      + (doc.system_extrapolated ? ' (state system carried forward from its last year)' : '') + '.';
    const tbody = $('status-table').querySelector('tbody');
    tbody.textContent = '';
    doc.states.forEach((s) => {
      const tr = document.createElement('tr');
      [s.iso3, s.name, LABELS[s.status]].forEach((v) => {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    tables.status = { header: ['iso3', 'name', 'status', 'date'], rows: doc.states.map((s) => [s.iso3, s.name, s.status, doc.date]) };
  }

  function play() {
    if (playing) {
      clearInterval(playing);
      playing = null;
      $('play').textContent = 'Play';
      $('play').setAttribute('aria-pressed', 'false');
      return;
    }
    const slider = $('year');
    if (parseInt(slider.value, 10) >= parseInt(slider.max, 10)) { showYear(parseInt(slider.min, 10)); }
    $('play').textContent = 'Pause';
    $('play').setAttribute('aria-pressed', 'true');
    playing = setInterval(() => {
      const next = parseInt(slider.value, 10) + 1;
      if (next > parseInt(slider.max, 10)) { play(); return; }
      showYear(next).catch((e) => message(e.message));
    }, 700);
  }

  // ---- the life cycle ------------------------------------------------------------------------------------------
  async function showLifecycle() {
    const lc = await api('/api/instruments/' + encodeURIComponent(view.instrument) + '/lifecycle');
    const years = lc.series.map((y) => y.year);
    let cumulative = 0;
    const consents = lc.series.map((y) => { cumulative += y.consents; return { x: y.year, y: cumulative }; });
    const datasets = [
      { label: 'parties (observed)', data: lc.series.map((y) => ({ x: y.year, y: y.parties })), borderColor: COLOURS.party, backgroundColor: COLOURS.party, pointRadius: 2 },
      { label: 'consents so far (observed)', data: consents, borderColor: '#000000', borderDash: [2, 3], pointRadius: 0 },
    ];
    if (lc.bass_fitted.length) {
      datasets.push({ label: 'Bass fit (consents so far)', data: lc.bass_fitted.map((r) => ({ x: r.year, y: r.cumulative_consents })), borderColor: COLOURS.none, borderDash: [6, 4], pointRadius: 0 });
    }
    const rows = lc.series.map((y, i) => [y.year, y.states, y.signatories, y.parties, y.withdrawn, consents[i].y,
      lc.bass_fitted.length ? lc.bass_fitted[i].cumulative_consents : '']);
    const header = ['year', 'states', 'signatories', 'parties', 'withdrawn', 'consents_so_far', 'bass_consents_so_far'];
    if (simulated) {
      const sim = simulated.curve;
      datasets.push({ label: 'simulated parties, 5 %', data: sim.map((r) => ({ x: r.year, y: r.parties_q05 })), borderColor: BAND, backgroundColor: BAND, pointRadius: 0, fill: false });
      datasets.push({ label: 'simulated parties, 95 % (band: 5–95 %)', data: sim.map((r) => ({ x: r.year, y: r.parties_q95 })), borderColor: BAND, backgroundColor: BAND, pointRadius: 0, fill: '-1' });
      datasets.push({ label: 'simulated parties, mean', data: sim.map((r) => ({ x: r.year, y: r.parties_mean })), borderColor: '#005a8c', borderDash: [3, 3], pointRadius: 0 });
      header.push('simulated_mean', 'simulated_q05', 'simulated_q95');
      sim.forEach((r) => {
        const row = rows.find((x) => x[0] === r.year);
        const extra = [r.parties_mean, r.parties_q05, r.parties_q95];
        if (row) { row.push(...extra); } else { rows.push([r.year, r.in_system, '', '', '', '', ''].concat(extra)); }
      });
    }
    tables.curve = { header: header, rows: rows };
    chart('curve', {
      type: 'line',
      data: { datasets: datasets },
      options: {
        parsing: true,
        scales: { x: { type: 'linear', title: { display: true, text: 'year' }, ticks: { callback: (v) => String(v) } },
          y: { title: { display: true, text: 'states' }, beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    $('curve-note').textContent = (lc.tipping_year ? 'Tipping point ' + lc.tipping_year + ' (' + lc.tipping_rule + '). ' : 'No tipping point. ')
      + (typeof lc.bass === 'string' ? lc.bass : 'Bass fit: m = ' + fmt(lc.bass.m, 1) + ', p = ' + fmt(lc.bass.p, 4)
      + ', q = ' + fmt(lc.bass.q, 3) + '.') + (simulated ? ' The band is the latest scenario run.' : ' Run a scenario to add a simulated band.');
    const stages = lc.stages;
    chart('stages', {
      type: 'bar',
      data: { labels: stages.map((s) => s.stage), datasets: [{ label: 'stage', data: stages.map((s) => [s.start, s.end + 1]), backgroundColor: [COLOURS.signatory, COLOURS.party, '#009E73', COLOURS.withdrawn] }] },
      options: { indexAxis: 'y', scales: { x: { type: 'linear', min: years[0], max: years[years.length - 1] + 1, ticks: { callback: (v) => String(v) } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => c.raw[0] + '–' + (c.raw[1] - 1) } } } },
    });
    const ul = $('stages-text');
    ul.textContent = '';
    stages.forEach((s) => {
      const li = document.createElement('li');
      li.textContent = s.stage + ': ' + s.start + '–' + (s.ongoing ? 'ongoing' : s.end) + ' (' + s.rule + ')';
      ul.appendChild(li);
    });
    tables.stages = { header: ['stage', 'start', 'end', 'ongoing', 'rule'], rows: stages.map((s) => [s.stage, s.start, s.end, s.ongoing, s.rule]) };
  }

  // ---- a state's page ------------------------------------------------------------------------------------------
  async function showState(iso3) {
    view.state = iso3;
    writeHash();
    shapes.forEach((sh) => sh.el.classList.toggle('selected', sh.el.getAttribute('data-iso3') === iso3));
    const d = await api('/api/instruments/' + encodeURIComponent(view.instrument) + '/states/' + encodeURIComponent(iso3));
    const section = $('state-section');
    section.hidden = false;
    $('state-title').textContent = d.name + ' (' + d.iso3 + ')';
    const x = d.explanation;
    $('state-summary').textContent = x ? x.summary : 'No explanation: ' + d.explanation_note;
    $('state-type').textContent = x ? 'Type: ' + x.type + ' — ' + x.type_meaning + '.' : '';
    chart('history', {
      type: 'line',
      data: { datasets: [{ label: 'status', data: d.history.map((h) => ({ x: h.year, y: STATUS.indexOf(h.status) })), stepped: true, borderColor: COLOURS.party, pointBackgroundColor: d.history.map((h) => COLOURS[h.status]), pointRadius: 3 }] },
      options: { scales: { x: { type: 'linear', ticks: { callback: (v) => String(v) } }, y: { min: 0, max: 3, ticks: { stepSize: 1, callback: (v) => LABELS[STATUS[v]] || '' } } },
        plugins: { legend: { display: false } } },
    });
    tables.history = { header: ['iso3', 'year', 'status', 'in_system'], rows: d.history.map((h) => [d.iso3, h.year, h.status, h.in_system]) };
    chart('measures', {
      type: 'bar',
      data: { labels: d.measures.map((m) => m.measure), datasets: [{ label: 'in force', data: d.measures.map((m) => [m.from, m.to + 1]), backgroundColor: '#009E73' }] },
      options: { indexAxis: 'y', scales: { x: { type: 'linear', beginAtZero: false,
        min: Math.min(d.history[0].year, ...d.measures.map((m) => m.from)), max: d.history[d.history.length - 1].year + 1,
        ticks: { callback: (v) => String(v) } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => c.raw[0] + '–' + (c.raw[1] - 1) } } } },
    });
    $('measures-note').textContent = d.measures.length ? '' : 'No partial measures found.';
    tables.measures = { header: ['iso3', 'measure', 'from', 'to'], rows: d.measures.map((m) => [d.iso3, m.measure, m.from, m.to]) };
    const tbody = $('contrib-table').querySelector('tbody');
    tbody.textContent = '';
    if (x) {
      // Blocks are whatever levels the explanation reports, in the order they first appear.
      const blocks = [];
      const sums = new Map();
      x.contributions.forEach((c) => {
        if (!sums.has(c.level)) { sums.set(c.level, 0); blocks.push(c.level); }
        sums.set(c.level, sums.get(c.level) + c.contribution);
      });
      chart('blocks', {
        type: 'bar',
        data: { labels: blocks, datasets: [{ label: 'contribution to the log-odds of joining', data: blocks.map((b) => sums.get(b)), backgroundColor: blocks.map((b) => sums.get(b) >= 0 ? COLOURS.party : COLOURS.none) }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'logit units against ' + x.reference } } } },
      });
      tables.blocks = { header: ['iso3', 'year', 'block', 'contribution'], rows: blocks.map((b) => [d.iso3, x.year, b, sums.get(b)]) };
      tables.typology = { header: ['iso3', 'year', 'type', 'adherence_level', 'domestic', 'international'],
        rows: [[d.iso3, x.year, x.type, x.adherence_level, x.domestic, x.international]] };
      chart('typology', {
        type: 'scatter',
        data: { datasets: [{ label: d.name + ' (' + x.type + ')', data: [{ x: x.adherence_level, y: x.domestic }], backgroundColor: COLOURS.withdrawn, pointRadius: 7 }] },
        options: { scales: { x: { min: -0.5, max: 3.5, title: { display: true, text: 'perception: adherence level (0 none, 1 partial, 2 signatory, 3 party)' } },
          y: { title: { display: true, text: 'domestic contribution (logit; below 0 = pressure against)' } } } },
      });
      x.contributions.forEach((c) => {
        const tr = document.createElement('tr');
        [c.variable, c.level, fmt(c.value, 3), fmt(c.reference, 3), fmt(c.coefficient, 3), signed(c.contribution, 3)].forEach((v, i) => {
          const td = document.createElement('td');
          td.textContent = v;
          if (i >= 2) { td.className = 'num'; }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      tables.contrib = { header: ['iso3', 'year', 'variable', 'block', 'value', 'reference', 'coefficient', 'contribution'],
        rows: x.contributions.map((c) => [d.iso3, x.year, c.variable, c.level, c.value, c.reference, c.coefficient, c.contribution]) };
      const list = $('variables');
      list.textContent = '';
      x.contributions.forEach((c) => {
        const o = document.createElement('option');
        o.value = c.variable;
        list.appendChild(o);
      });
    }
    document.querySelectorAll('.states-input').forEach((i) => { if (!i.value) { i.value = d.iso3; } });
  }

  // ---- the test of the thesis ----------------------------------------------------------------------------------
  async function runThesis() {
    $('run-thesis').disabled = true;
    $('thesis-verdict').textContent = 'Fitting and cross-validating…';
    try {
      const c = await api('/api/comparisons', { method: 'POST', body: JSON.stringify({ instrument: view.instrument }) });
      const tbody = $('thesis-table').querySelector('tbody');
      tbody.textContent = '';
      const rows = c.models.map((m) => [m.model, m.coefficients.length, m.loglik, m.aic, m.bic, m.out_of_sample.log_score, m.out_of_sample.brier, m.out_of_sample.auc]);
      rows.forEach((r) => {
        const tr = document.createElement('tr');
        r.forEach((v, i) => {
          const td = document.createElement('td');
          td.textContent = i < 2 ? String(v) : fmt(v, i >= 5 ? 4 : 2);
          if (i >= 1) { td.className = 'num'; }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      tables.thesis = { header: ['model', 'terms', 'loglik', 'aic', 'bic', 'log_score_oos', 'brier_oos', 'auc_oos'], rows: rows };
      const ul = $('thesis-lr');
      ul.textContent = '';
      c.lr_tests.forEach((t) => {
        const li = document.createElement('li');
        li.textContent = 'Likelihood-ratio test, ' + t.restricted + ' against ' + t.full + ': chi² = ' + fmt(t.statistic, 2) + ' on ' + t.df + ' df, p = ' + Number(t.p).toPrecision(3);
        ul.appendChild(li);
      });
      $('thesis-verdict').textContent = c.findings.join(' ');
    } catch (e) {
      $('thesis-verdict').textContent = 'The test could not run: ' + e.message;
    } finally {
      $('run-thesis').disabled = false;
    }
  }

  // ---- the scenario builder ------------------------------------------------------------------------------------
  function scenarioFields(fieldset, key) {
    const html = [
      ['kind', 'Change', '<select class="kind"><option value="override">set a variable</option><option value="incentive">offer an incentive</option></select>'],
      ['states', 'States (ISO3, comma-separated)', '<input class="states-input" type="text" required pattern="[A-Za-z]{3}(\\s*,\\s*[A-Za-z]{3})*">'],
      ['variable', 'Variable', '<input class="variable" type="text" list="variables" value="conflict_territorial">'],
      ['value', 'Value', '<input class="value" type="number" step="any" value="0">'],
      ['coefficient', 'Incentive (logit units)', '<input class="coefficient" type="number" step="any" value="1.5">'],
      ['from', 'From', '<input class="from" type="number" value="2026">'],
      ['to', 'To', '<input class="to" type="number" value="2035">'],
    ];
    html.forEach(([cls, label, input]) => {
      const l = document.createElement('label');
      l.className = 'f-' + cls;
      l.appendChild(document.createTextNode(label + ' '));
      const tmp = document.createElement('span');
      tmp.innerHTML = input; // static markup above, no user data
      l.appendChild(tmp.firstChild);
      fieldset.appendChild(l);
    });
    const kind = fieldset.querySelector('.kind');
    const sync = () => {
      const inc = kind.value === 'incentive';
      fieldset.querySelector('.f-variable').hidden = inc;
      fieldset.querySelector('.f-value').hidden = inc;
      fieldset.querySelector('.f-coefficient').hidden = !inc;
    };
    kind.addEventListener('change', sync);
    sync();
    fieldset.setAttribute('data-key', key);
  }

  function scenarioOf(fieldset) {
    const q = (c) => fieldset.querySelector(c);
    const states = q('.states-input').value.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s);
    const years = q('.from').value + '-' + q('.to').value;
    const s = { instrument: view.instrument, model: { spec: 'two-level' }, start: parseInt($('start').value, 10), horizon: parseInt($('horizon').value, 10) };
    if (q('.kind').value === 'incentive') {
      s.incentives = [{ name: 'incentive', coefficient: parseFloat(q('.coefficient').value), states: states, years: years }];
    } else {
      s.overrides = [{ states: states, variable: q('.variable').value.trim(), years: years, value: parseFloat(q('.value').value) }];
    }
    return s;
  }

  async function runScenario(e) {
    e.preventDefault();
    const body = { scenario: scenarioOf($('scenario-a')), replicates: parseInt($('replicates').value, 10), seed: parseInt($('seed').value, 10) };
    if ($('compare-b').checked) { body.baseline = scenarioOf($('scenario-b')); }
    $('job-state').textContent = 'submitting…';
    $('progress').value = 0;
    try {
      const job = await api('/api/jobs', { method: 'POST', body: JSON.stringify(body) });
      view.job = job.id;
      writeHash();
      follow(job.id);
    } catch (err) {
      $('job-state').textContent = 'refused: ' + err.message;
    }
  }

  function follow(id) {
    if (polling) { clearTimeout(polling); }
    $('cancel-scenario').disabled = false;
    $('run-scenario').disabled = true;
    const tick = async () => {
      let job;
      try {
        job = await api('/api/jobs/' + encodeURIComponent(id));
      } catch (err) {
        $('job-state').textContent = err.message;
        $('cancel-scenario').disabled = true;
        $('run-scenario').disabled = false;
        return;
      }
      $('progress').value = job.progress;
      $('job-state').textContent = job.state + (job.detail ? ': ' + job.detail : '') + ' (' + job.done + ' of ' + job.total + ' runs)';
      if (job.state === 'queued' || job.state === 'running') {
        polling = setTimeout(tick, 400);
        return;
      }
      $('cancel-scenario').disabled = true;
      $('run-scenario').disabled = false;
      if (job.state === 'done') {
        showResult(await api('/api/jobs/' + encodeURIComponent(id) + '/result'), job.request);
      }
    };
    tick();
  }

  function showResult(r, request) {
    simulated = r;
    const against = request && request.baseline ? 'scenario B' : 'the baseline';
    const diff = r.diff;
    chart('diff', {
      type: 'line',
      data: { datasets: [
        { label: '5 %', data: diff.map((d) => ({ x: d.year, y: d.parties_diff_q05 })), borderColor: BAND, backgroundColor: BAND, pointRadius: 0 },
        { label: '95 % (band: 90 % interval)', data: diff.map((d) => ({ x: d.year, y: d.parties_diff_q95 })), borderColor: BAND, backgroundColor: BAND, pointRadius: 0, fill: '-1' },
        { label: 'mean difference in parties', data: diff.map((d) => ({ x: d.year, y: d.parties_diff_mean })), borderColor: '#000000', pointRadius: 2 },
      ] },
      options: { scales: { x: { type: 'linear', ticks: { callback: (v) => String(v) } }, y: { title: { display: true, text: 'parties: scenario A minus ' + against } } },
        plugins: { legend: { position: 'bottom' } } },
    });
    tables.diff = { header: Object.keys(diff[0]), rows: diff.map((d) => Object.values(d)) };
    const last = diff[diff.length - 1];
    $('diff-text').textContent = 'By the end of ' + last.year + ', scenario A has ' + signed(last.parties_diff_mean, 2)
      + ' parties on average compared with ' + against + ' (90 % of paired replicates between ' + signed(last.parties_diff_q05, 0)
      + ' and ' + signed(last.parties_diff_q95, 0) + '; ' + r.manifest.replicates + ' replicates, seed ' + r.manifest.seed + ').';
    showLifecycle().catch((e) => message(e.message));
  }

  async function cancelScenario() {
    if (!view.job) { return; }
    try {
      await api('/api/jobs/' + encodeURIComponent(view.job), { method: 'DELETE' });
    } catch (err) {
      message(err.message);
    }
  }

  function authHeaders() {
    const token = $('token').value.trim();
    return token ? { Authorization: 'Bearer ' + token } : {};
  }

  // ---- start ---------------------------------------------------------------------------------------------------
  async function loadInstrument() {
    const inst = meta.instruments.find((i) => i.id === view.instrument) || meta.instruments[0];
    view.instrument = inst.id;
    $('instrument').value = inst.id;
    const slider = $('year');
    slider.min = String(parseInt(inst.opened.slice(0, 4), 10));
    slider.max = String(meta.last_data_year);
    const year = view.year && view.year >= +slider.min && view.year <= +slider.max ? view.year : meta.last_data_year;
    await showYear(year);
    await showLifecycle();
    if (view.state) { await showState(view.state); }
  }

  async function start() {
    readHash();
    legend();
    scenarioFields($('scenario-a'), 'a');
    scenarioFields($('scenario-b'), 'b');
    const dl = document.createElement('datalist');
    dl.id = 'variables';
    document.body.appendChild(dl);
    // A hidden scenario B is also disabled, so that its empty fields do not block the form's submission.
    const syncB = () => { $('scenario-b').hidden = !$('compare-b').checked; $('scenario-b').disabled = !$('compare-b').checked; };
    $('compare-b').addEventListener('change', syncB);
    syncB();
    $('scenario-form').addEventListener('submit', runScenario);
    $('cancel-scenario').addEventListener('click', cancelScenario);
    $('run-thesis').addEventListener('click', runThesis);
    $('play').addEventListener('click', play);
    $('year').addEventListener('input', () => showYear(parseInt($('year').value, 10)).catch((e) => message(e.message)));
    $('instrument').addEventListener('change', () => { view.instrument = $('instrument').value; view.state = null; loadInstrument().catch((e) => message(e.message)); });
    const svg = $('map');
    svg.addEventListener('click', (e) => {
      const iso3 = e.target.getAttribute && e.target.getAttribute('data-iso3');
      if (iso3) { showState(iso3).catch((err) => message(err.message)); }
    });
    svg.addEventListener('keydown', (e) => {
      const iso3 = e.target.getAttribute && e.target.getAttribute('data-iso3');
      if (iso3 && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        showState(iso3).then(() => $('state-title').scrollIntoView()).catch((err) => message(err.message));
      }
    });
    meta = await api('/api/instruments');
    meta.instruments.forEach((i) => {
      const o = document.createElement('option');
      o.value = i.id;
      o.textContent = i.id + ' — ' + i.title;
      $('instrument').appendChild(o);
    });
    await loadShapes();
    await loadInstrument();
    // A shared link opened in the same tab changes only the fragment: apply the view it holds.
    window.addEventListener('hashchange', () => {
      const job = view.job;
      readHash();
      loadInstrument().then(() => { if (view.job && view.job !== job) { follow(view.job); } }).catch((e) => message(e.message));
    });
    document.body.setAttribute('data-ready', 'true');
    if (view.job) { follow(view.job); }
    runThesis();
  }

  start().catch((e) => message('The dashboard could not start: ' + e.message));
})();
