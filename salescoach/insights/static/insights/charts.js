// Draws the insights charts from <script type="application/json" id="insights-chart-data">
// (no inline scripts: strict CSP). The same figures are in the tables on the page.
(function () {
  "use strict";

  var NAVY = "#12355b", AMBER = "#f4b942", TEAL = "#1b7f79", GREY = "#8a97a6", RED = "#b5473a";
  var BAND_COLOURS = { top: TEAL, core: NAVY, bottom: RED };

  function readData() {
    var element = document.getElementById("insights-chart-data");
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new window.Chart(canvas, config);
  }

  function scaled(values, factor) {
    return values.map(function (v) { return v === null || v === undefined ? null : v * factor; });
  }

  function flat(value, length) {
    var out = [];
    for (var i = 0; i < length; i++) out.push(value);
    return out;
  }

  function draw() {
    var data = readData();
    if (!data) return;

    // Impact: the interval as a floating bar, the estimate as a point.
    data.impacts.forEach(function (impact) {
      var ranges = impact.low.map(function (low, i) {
        return low === null ? null : [low * impact.scale, impact.high[i] * impact.scale];
      });
      chart("chart-impact-" + impact.metric, {
        data: {
          labels: impact.groups,
          datasets: [
            { type: "bar", label: data.labels.interval, data: ranges, backgroundColor: "rgba(18,53,91,0.25)", barPercentage: 0.5 },
            { type: "scatter", label: data.labels.estimate, data: scaled(impact.estimate, impact.scale), backgroundColor: NAVY, pointRadius: 5 }
          ]
        },
        options: { plugins: { legend: { display: false } }, scales: { y: { grace: "10%" } } }
      });
    });

    // Indicators: one line per month, the bands next to the whole where there are any.
    data.indicators.forEach(function (indicator) {
      var factor = indicator.percent ? 100 : 1;
      var datasets = [{ label: data.labels.whole, data: scaled(indicator.values, factor), borderColor: NAVY, backgroundColor: NAVY, spanGaps: false }];
      Object.keys(indicator.bands || {}).forEach(function (band) {
        datasets.push({ label: data.band_labels[band], data: scaled(indicator.bands[band], factor), borderColor: BAND_COLOURS[band], backgroundColor: BAND_COLOURS[band], borderDash: [4, 3] });
      });
      if (indicator.key === "coaching_hours") {
        datasets.push({ label: data.labels.cadence_low, data: flat(data.cadence[0], data.months.length), borderColor: AMBER, pointRadius: 0, borderDash: [6, 4] });
        datasets.push({ label: data.labels.cadence_high, data: flat(data.cadence[1], data.months.length), borderColor: GREY, pointRadius: 0, borderDash: [6, 4] });
      }
      chart("chart-indicator-" + indicator.key, {
        type: "line",
        data: { labels: data.months, datasets: datasets },
        options: { scales: { y: { beginAtZero: true } } }
      });
    });
  }

  function run() {
    draw();
    // Browser tests wait for this before they look at the canvases.
    document.documentElement.dataset.insightsCharts = "drawn";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
