// Kluis documents: drag-and-drop and a size check for the upload form. The form works without this file;
// this only adds dropping files onto it and an early, friendly message when files are too large together.
(function () {
  "use strict";
  function setup(form) {
    var input = form.querySelector('input[type="file"]');
    var status = form.querySelector(".upload-status");
    var hint = form.querySelector(".drop-hint");
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (!input || !status) { return; }
    if (hint) { hint.hidden = false; }

    function describe(files) {
      var total = 0;
      for (var i = 0; i < files.length; i++) { total += files[i].size; }
      if (max > 0 && total > max) {
        status.textContent = form.getAttribute("data-too-large") || "";
        status.className = "upload-status alert";
        return false;
      }
      status.className = "upload-status";
      status.textContent = (form.getAttribute("data-selected") || "{ $count }").replace("{ $count }", String(files.length));
      return true;
    }

    input.addEventListener("change", function () { describe(input.files); });
    form.addEventListener("submit", function (e) {
      if (input.files && !describe(input.files)) { e.preventDefault(); input.focus(); }
    });
    ["dragenter", "dragover"].forEach(function (type) {
      form.addEventListener(type, function (e) { e.preventDefault(); form.classList.add("dragging"); });
    });
    ["dragleave", "dragend"].forEach(function (type) {
      form.addEventListener(type, function () { form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      form.classList.remove("dragging");
      if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) { return; }
      try { input.files = e.dataTransfer.files; } catch (err) { return; }
      describe(input.files);
      input.focus();
    });
  }
  function init() {
    var forms = document.querySelectorAll("form[data-dropzone]");
    for (var i = 0; i < forms.length; i++) { setup(forms[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
