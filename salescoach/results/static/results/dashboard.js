// Draws the results charts from the figures the page carries in
// <script type="application/json" id="results-chart-data"> (no inline scripts: strict CSP).
// The same figures are in the tables on the page, for readers who cannot see the charts.
(function () {
  "use strict";

  var NAVY = "#12355b", AMBER = "#f4b942", TEAL = "#1b7f79";

  function readData() {
    var element = document.getElementById("results-chart-data");
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function money(currency) {
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 });
    return function (value) { return value === null || value === undefined ? "—" : currency + " " + format.format(value); };
  }

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new window.Chart(canvas, config);
  }

  function draw() {
    var data = readData();
    if (!data) return;
    var label = data.labels, show = money(data.currency);
    var tooltip = { callbacks: { label: function (item) { return item.dataset.label + ": " + show(item.raw); } } };
    var moneyAxis = { beginAtZero: true, ticks: { callback: function (value) { return show(value); } } };

    chart("chart-people", {
      type: "bar",
      data: {
        labels: data.people.names,
        datasets: [
          { label: label.won, data: data.people.won, backgroundColor: NAVY },
          { label: label.forecast, data: data.people.forecast, backgroundColor: TEAL },
          { label: label.target, data: data.people.target, backgroundColor: AMBER }
        ]
      },
      options: { scales: { y: moneyAxis }, plugins: { tooltip: tooltip } }
    });

    // A funnel: the open stages from first to last, as horizontal bars.
    chart("chart-funnel", {
      type: "bar",
      data: {
        labels: data.funnel.stages,
        datasets: [{ label: label.pipeline, data: data.funnel.amount, backgroundColor: NAVY }]
      },
      options: {
        indexAxis: "y",
        scales: { x: moneyAxis },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) {
            return show(item.raw) + " · " + data.funnel.count[item.dataIndex] + " " + label.deals;
          } } }
        }
      }
    });

    chart("chart-forecast", {
      type: "bar",
      data: {
        labels: [label.forecast, label.target],
        datasets: [
          { label: label.won, data: [data.forecast.won, null], backgroundColor: NAVY, stack: "f" },
          { label: label.weighted, data: [data.forecast.weighted, null], backgroundColor: TEAL, stack: "f" },
          { label: label.target, data: [null, data.forecast.target], backgroundColor: AMBER, stack: "f" }
        ]
      },
      options: { scales: { y: moneyAxis, x: { stacked: true } }, plugins: { tooltip: tooltip } }
    });

    chart("chart-months", {
      data: {
        labels: data.months.labels,
        datasets: [
          { type: "bar", label: label.won, data: data.months.won, backgroundColor: NAVY },
          { type: "bar", label: label.forecast, data: data.months.forecast, backgroundColor: TEAL },
          { type: "line", label: label.target, data: data.months.target, borderColor: AMBER, backgroundColor: AMBER, pointRadius: 4 }
        ]
      },
      options: { scales: { y: moneyAxis }, plugins: { tooltip: tooltip } }
    });
    document.documentElement.dataset.resultsCharts = "drawn";
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
