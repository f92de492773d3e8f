// The network page's graph, drawn by the vendored Cytoscape.js from /network.json. The
// table under it shows the same links, so the page works when this does not run.
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  var status = document.getElementById("network-status");
  if (!container || typeof window.cytoscape !== "function" || !window.fetch) { return; }
  var COLOURS = { person: "#1f77b4", organization: "#9467bd", country: "#2ca02c", place: "#8c564b", programme: "#d62728" };

  function say(message) { if (status) { status.textContent = message; } }

  fetch(container.getAttribute("data-src"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    })
    .then(function (elements) {
      container.classList.add("ready");
      var graph = window.cytoscape({
        container: container,
        elements: elements.nodes.concat(elements.edges),
        minZoom: 0.2,
        maxZoom: 4,
        style: [
          { selector: "node", style: {
            "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 140,
            "width": "mapData(events, 1, 20, 14, 48)", "height": "mapData(events, 1, 20, 14, 48)",
            "background-color": function (node) { return COLOURS[node.data("kind")] || "#777"; }
          } },
          { selector: "edge", style: {
            "width": "mapData(events, 1, 10, 1, 8)", "line-color": "#b8c2cc", "curve-style": "haystack", "opacity": 0.8
          } },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } }
        ],
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 8000; } }
      });
      graph.on("tap", "node", function (event) {
        var target = event.target.data("href");
        if (/^\/entities\/[0-9]+$/.test(target)) { window.location.assign(target); }
      });
      say(elements.nodes.length + " entities, " + elements.edges.length + " links. Click an entity to open it.");
    })
    .catch(function (error) { say("The graph could not be drawn (" + error.message + "); the table below lists the same links."); });
}());
