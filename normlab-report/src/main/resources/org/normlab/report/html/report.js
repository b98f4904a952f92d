// Draws the normlab study report's charts with Chart.js from the report's JSON (#normlab-data).
// Every value comes from the JSON; this file holds only chart configuration.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('normlab-data').textContent);
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue('--' + name).trim();
  const ink = colour('ink');
  const muted = colour('muted');
  const rule = colour('rule');

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = muted;
  Chart.defaults.borderColor = rule;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  // A sharp bitmap also when the page is printed (print scales the canvas, see report.css).
  Chart.defaults.devicePixelRatio = Math.max(window.devicePixelRatio || 1, 2);
  // Legend keys drawn like their series: lines as lines, bands and bars as boxes, points as points.
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  Chart.defaults.plugins.legend.labels.boxHeight = 14;

  const alpha = (hex, a) => {
    const n = parseInt(hex.replace('#', ''), 16);
    return 'rgba(' + ((n >> 16) & 255) + ', ' + ((n >> 8) & 255) + ', ' + (n & 255) + ', ' + a + ')';
  };
  // A small dot as a point style: the same size on the chart and in the legend.
  const dot = (fill) => {
    const c = document.createElement('canvas');
    c.width = c.height = 12;
    const g = c.getContext('2d');
    g.fillStyle = fill;
    g.beginPath();
    g.arc(6, 6, 3.5, 0, 2 * Math.PI);
    g.fill();
    return c;
  };
  const round = (v, digits) => (v == null || typeof v !== 'number' || !isFinite(v)) ? String(v) : v.toFixed(digits);
  const points = (xs, ys) => xs.map((x, i) => ({ x: x, y: ys[i] }));
  const tipDigits = (digits) => ({
    callbacks: {
      title: (items) => items.length ? String(items[0].parsed.x) : '',
      label: (item) => item.dataset.label + ': ' + round(item.parsed.y, digits)
    }
  });
  const yearAxis = (years) => ({
    type: 'linear',
    min: years[0],
    max: years[years.length - 1],
    offset: false,
    grid: { display: false },
    ticks: { precision: 0, callback: (v) => String(v), maxRotation: 0, autoSkipPadding: 12 }
  });
  const line = (label, xs, ys, colourName, extra) => Object.assign({
    type: 'line',
    label: label,
    data: points(xs, ys),
    borderColor: colour(colourName),
    backgroundColor: colour(colourName),
    borderWidth: 2,
    pointRadius: 0,
    pointHitRadius: 6,
    pointStyle: 'line',
    tension: 0
  }, extra || {});

  // Life-cycle stages as shaded boxes with their names, and the tipping year as a dashed rule.
  const stagesPlugin = {
    id: 'normlabStages',
    beforeDatasetsDraw(chart, args, options) {
      const { ctx, chartArea: area, scales: { x } } = chart;
      const last = options.lastYear;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      (options.stages || []).forEach((stage, i) => {
        const end = stage.end == null ? last : stage.end;
        const left = Math.max(area.left, x.getPixelForValue(stage.start - 0.5));
        const right = Math.min(area.right, x.getPixelForValue(end + 0.5));
        if (right <= left) return;
        ctx.fillStyle = colour(i % 2 === 0 ? 'stage-a' : 'stage-b');
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
        // The name where it fits; the stage table under the chart names every stage.
        ctx.fillStyle = muted;
        ctx.font = '11px ' + Chart.defaults.font.family;
        ctx.textBaseline = 'top';
        if (ctx.measureText(stage.stage).width <= right - left - 8) {
          ctx.fillText(stage.stage, left + 4, area.top + 4);
        }
      });
      if (options.tippingYear != null) {
        const px = x.getPixelForValue(options.tippingYear);
        ctx.strokeStyle = colour('series-withdrawn');
        ctx.setLineDash([5, 4]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = colour('series-withdrawn');
        ctx.textBaseline = 'bottom';
        ctx.fillText('tipping ' + options.tippingYear, px + 4, area.bottom - 4);
      }
      ctx.restore();
    }
  };

  // Counts charts that have actually rendered; the page is done when all have.
  const charts = [];
  const drawnFlag = {
    id: 'normlabDrawn',
    afterRender(chart) {
      if (!chart.$normlabDrawn) {
        chart.$normlabDrawn = true;
        // What was drawn, for checks on the page: the axis titles, the top of the value axis, the series.
        const box = chart.canvas.parentNode.dataset;
        const title = (axis) => (chart.scales[axis] && chart.scales[axis].options.title.display)
          ? chart.scales[axis].options.title.text : '';
        box.drawnXTitle = title('x');
        box.drawnYTitle = title('y');
        box.drawnYMax = String(chart.scales.y ? chart.scales.y.max : '');
        box.drawnSeries = String(chart.data.datasets.length);
        document.body.dataset.chartsDrawn = String(charts.filter((c) => c.$normlabDrawn).length);
      }
    }
  };

  const builders = {
    lifecycle() {
      const lc = data.lifecycle;
      const datasets = [line('States', lc.years, lc.states, 'series-states', { borderDash: [2, 3] })];
      if (lc.signatories) datasets.push(line('Signatories', lc.years, lc.signatories, 'series-signatories'));
      datasets.push(line('Parties', lc.years, lc.parties, 'series-parties', { borderWidth: 2.5 }));
      if (lc.withdrawn) datasets.push(line('Withdrawn', lc.years, lc.withdrawn, 'series-withdrawn'));
      return {
        type: 'line',
        data: { datasets: datasets },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: { x: yearAxis(lc.years), y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: {
            normlabStages: { stages: lc.stages, lastYear: lc.years[lc.years.length - 1], tippingYear: lc.tippingYear },
            tooltip: tipDigits(0)
          }
        },
        plugins: [stagesPlugin]
      };
    },

    bass(container) {
      const lc = data.lifecycle;
      const b = lc.bass;
      // A failed fit (market potential below the consents observed) is not drawn as the fit.
      const failed = container.dataset.bassFailed === 'true';
      return {
        type: 'bar',
        data: {
          datasets: (failed ? [] : [line('Fitted', lc.years, b.fitted, 'series-fitted', { order: 0 })]).concat([
            {
              type: 'bar', label: 'Observed', data: points(lc.years, b.observed), order: 1,
              backgroundColor: colour('series-states'), barPercentage: 0.9, categoryPercentage: 1, pointStyle: 'rect'
            }
          ])
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: { x: Object.assign(yearAxis(lc.years), { offset: true }), y: { beginAtZero: true } },
          plugins: { tooltip: tipDigits(1) }
        }
      };
    },

    holdouts(container) {
      const hs = data.holdouts;
      container.style.height = (4 + hs.length * 1.7) + 'rem';
      const bar = (label, key, colourName) => ({
        label: label, data: hs.map((h) => h[key]), backgroundColor: colour(colourName), pointStyle: 'rect',
        barPercentage: 0.85, categoryPercentage: 0.8
      });
      return {
        type: 'bar',
        data: {
          labels: hs.map((h) => h.name),
          datasets: [bar('International', 'international', 'series-international'),
                     bar('Perception', 'perception', 'series-perception'),
                     bar('Domestic pressure', 'domestic', 'series-domestic'),
                     bar('Incentives', 'incentives', 'series-incentives')]
        },
        options: {
          indexAxis: 'y',
          scales: {
            x: { title: { display: true, text: 'contribution (logit units)' },
                 grid: { color: (c) => c.tick && c.tick.value === 0 ? ink : rule } },
            y: { grid: { display: false }, ticks: { color: ink, autoSkip: false } }
          },
          plugins: {
            tooltip: { callbacks: { label: (item) => item.dataset.label + ': ' + round(item.parsed.x, 2) } }
          }
        }
      };
    },

    replay() {
      const r = data.replay;
      const band = colour('series-band');
      const edge = (label, ys, fill, opacity) => line(label, r.years, ys, 'series-band', {
        borderWidth: 0, borderColor: 'transparent', fill: fill, pointStyle: 'rect',
        backgroundColor: alpha(band, opacity)
      });
      return {
        type: 'line',
        data: {
          datasets: [
            edge('5 %', r.q05, false, 0),
            edge('5\u201395 %', r.q95, '-1', 0.14),
            edge('25 %', r.q25, false, 0),
            edge('25\u201375 %', r.q75, '-1', 0.26),
            line('Median', r.years, r.q50, 'series-band'),
            line('Mean', r.years, r.mean, 'series-band', { borderDash: [4, 3], borderWidth: 1.5 }),
            line('Observed', r.years, r.observed, 'series-observed', {
              showLine: false, pointRadius: 3, pointHoverRadius: 4, pointStyle: dot(colour('series-observed')),
              spanGaps: false
            })
          ]
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: { x: yearAxis(r.years), y: { ticks: { precision: 0 } } },
          plugins: {
            legend: { labels: { filter: (item) => item.text !== '5 %' && item.text !== '25 %' } },
            tooltip: tipDigits(1)
          }
        }
      };
    },

    'cf-parties'(container, i) {
      const c = data.counterfactuals[i];
      return {
        type: 'line',
        data: {
          datasets: [line('Baseline', c.years, c.baseline, 'series-baseline', { borderDash: [5, 4] }),
                     line('Scenario', c.years, c.scenarioMean, 'series-scenario')]
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: { x: yearAxis(c.years), y: { ticks: { precision: 0 } } },
          plugins: { tooltip: tipDigits(1) }
        }
      };
    },

    'cf-difference'(container, i) {
      const c = data.counterfactuals[i];
      const band = alpha(colour('series-band'), 0.18);
      return {
        type: 'line',
        data: {
          datasets: [
            line('5 %', c.years, c.diffLow, 'series-band', { borderWidth: 0, borderColor: 'transparent' }),
            line('5\u201395 %', c.years, c.diffHigh, 'series-band',
                 { borderWidth: 0, borderColor: 'transparent', fill: '-1', backgroundColor: band, pointStyle: 'rect' }),
            line('Mean difference', c.years, c.diffMean, 'series-scenario')
          ]
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: yearAxis(c.years),
            y: { grid: { color: (g) => g.tick && g.tick.value === 0 ? ink : rule } }
          },
          plugins: {
            legend: { labels: { filter: (item) => item.text !== '5 %' } },
            tooltip: tipDigits(1)
          }
        }
      };
    },

    'cf-focus'(container, i) {
      const c = data.counterfactuals[i];
      const datasets = [];
      c.focus.forEach((f, k) => {
        const name = 'focus-' + (1 + (k % 5));
        datasets.push(line(f.label + ' (baseline)', c.years, f.baseline, name, { borderDash: [5, 4], borderWidth: 1.5 }));
        datasets.push(line(f.label + ' (scenario)', c.years, f.scenario, name));
      });
      return {
        type: 'line',
        data: { datasets: datasets },
        options: {
          interaction: { mode: 'index', intersect: false },
          // a probability axis from 0 to 1; counts of states (expected withdrawn) get an axis that fits them
          scales: { x: yearAxis(c.years), y: container.dataset.probability === 'true' ? { min: 0, max: 1 } : { beginAtZero: true } },
          plugins: { tooltip: tipDigits(3) }
        }
      };
    }
  };

  document.querySelectorAll('.chart[data-chart]').forEach((container) => {
    try {
      const config = builders[container.dataset.chart](container, Number(container.dataset.index || 0));
      // Axis titles with units, the same as in the figure files (data-x-title, data-y-title).
      const scales = (config.options = config.options || {}).scales = config.options.scales || {};
      [['x', container.dataset.xTitle], ['y', container.dataset.yTitle]].forEach(([axis, text]) => {
        if (text) {
          scales[axis] = Object.assign(scales[axis] || {}, { title: { display: true, text: text, color: muted } });
        }
      });
      config.plugins = (config.plugins || []).concat([drawnFlag]);
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      container.appendChild(canvas);
      charts.push(new Chart(canvas, config));
    } catch (e) {
      console.error(e);
      container.classList.add('chart-error');
      container.textContent = 'This chart could not be drawn: ' + e.message;
    }
  });
  document.body.dataset.chartsDrawn = String(charts.filter((c) => c.$normlabDrawn).length);

  // Print: collapsed explanations open, and closed again afterwards. (Charts scale to the page
  // width in report.css.)
  const closed = [];
  window.addEventListener('beforeprint', () => {
    document.querySelectorAll('details:not([open])').forEach((d) => { closed.push(d); d.open = true; });
  });
  window.addEventListener('afterprint', () => {
    closed.splice(0).forEach((d) => { d.open = false; });
  });
})();
