// outreach web app: the only script, served by the app itself (no CDN, no build step).
// 1. On the piece form, the size list shows only the sizes of the chosen material.
// 2. On a print run's page, the progress bar polls the run's status until it ends.
"use strict";

function limitSizes() {
  var material = document.getElementById("material");
  var size = document.getElementById("size");
  if (!material || !size) { return; }
  function update() {
    var groups = size.querySelectorAll("optgroup");
    var keep = null;
    groups.forEach(function (group) {
      var mine = group.getAttribute("data-material") === material.value;
      group.hidden = !mine;
      group.disabled = !mine;
      if (mine && !keep) {
        var selected = size.selectedOptions[0];
        keep = selected && selected.parentNode === group ? selected : group.querySelector("option");
      }
    });
    if (keep) { keep.selected = true; }
  }
  material.addEventListener("change", update);
  update();
}

function followRun() {
  var run = document.getElementById("run");
  if (!run) { return; }
  var state = run.getAttribute("data-state");
  if (state === "done" || state === "failed") { return; }
  var bar = document.getElementById("progress");
  var step = document.getElementById("step");
  function poll() {
    fetch(run.getAttribute("data-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.total) { bar.max = status.total; bar.value = status.done; }
        step.textContent = status.state + (status.step ? ": " + status.step : "");
        if (status.state === "done" || status.state === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 500);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
}

document.addEventListener("DOMContentLoaded", function () {
  limitSizes();
  followRun();
});
