// Draws a seller's timeline from <script type="application/json" id="timeline-chart-data">
// (no inline scripts: strict CSP). The same figures are in the table on the page.
(function () {
  "use strict";

  var NAVY = "#12355b", AMBER = "#f4b942", TEAL = "#1b7f79", GREY = "#8a97a6", RED = "#b5473a";
  var PALETTE = [NAVY, TEAL, RED, AMBER, GREY, "#6b4c9a"];

  function readData() {
    var element = document.getElementById("timeline-chart-data");
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new window.Chart(canvas, config);
  }

  function flat(value, length) {
    var out = [];
    for (var i = 0; i < length; i++) out.push(value);
    return out;
  }

  function percent(values) {
    return values.map(function (v) { return v === null ? null : v * 100; });
  }

  function draw() {
    var d = readData();
    if (!d) return;
    var L = d.labels, n = d.months.length;

    chart("chart-sessions", {
      data: {
        labels: d.months,
        datasets: [
          { type: "bar", label: L.hours, data: d.hours, backgroundColor: NAVY },
          { type: "line", label: L.sessions, data: d.sessions, borderColor: TEAL, backgroundColor: TEAL },
          { type: "line", label: L.cadence_low, data: flat(d.cadence_hours[0], n), borderColor: AMBER, pointRadius: 0, borderDash: [6, 4] },
          { type: "line", label: L.cadence_high, data: flat(d.cadence_hours[1], n), borderColor: GREY, pointRadius: 0, borderDash: [6, 4] }
        ]
      },
      options: { scales: { y: { beginAtZero: true } } }
    });

    chart("chart-commitments", {
      data: {
        labels: d.months,
        datasets: [
          { type: "bar", label: L.done, data: d.commitments.done, backgroundColor: TEAL, stack: "c" },
          { type: "bar", label: L.partly, data: d.commitments.partly, backgroundColor: AMBER, stack: "c" },
          { type: "bar", label: L.not_done, data: d.commitments.not_done, backgroundColor: RED, stack: "c" },
          { type: "line", label: L.choices, data: d.choices, borderColor: NAVY, backgroundColor: NAVY }
        ]
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
    });

    var skillSets = [];
    d.skills.forEach(function (skill, i) {
      var colour = PALETTE[i % PALETTE.length];
      skillSets.push({ label: skill.label + " · " + L.coach, data: skill.coach, borderColor: colour, backgroundColor: colour, spanGaps: true });
      skillSets.push({ label: skill.label + " · " + L.self, data: skill.self, borderColor: colour, backgroundColor: colour, borderDash: [4, 3], spanGaps: true });
    });
    chart("chart-skills", {
      type: "line",
      data: { labels: d.months, datasets: skillSets },
      options: { scales: { y: { min: 1, max: 5 } } }
    });

    var results = [];
    if (d.results.attainment) results.push({ label: L.attainment + " (%)", data: percent(d.results.attainment), borderColor: NAVY, backgroundColor: NAVY, yAxisID: "y" });
    if (d.results.win_rate) results.push({ label: L.win_rate + " (%)", data: percent(d.results.win_rate), borderColor: TEAL, backgroundColor: TEAL, yAxisID: "y" });
    if (d.results.cycle_length) results.push({ label: L.cycle_length, data: d.results.cycle_length, borderColor: AMBER, backgroundColor: AMBER, yAxisID: "days" });
    if (results.length) {
      chart("chart-results", {
        type: "line",
        data: { labels: d.months, datasets: results },
        options: { scales: { y: { beginAtZero: true }, days: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } } }
      });
    }
  }

  function run() {
    draw();
    // Browser tests wait for this before they look at the canvases.
    document.documentElement.dataset.timelineCharts = "drawn";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
