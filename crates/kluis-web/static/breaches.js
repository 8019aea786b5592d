// Ticks the 72-hour countdowns of the breach pages once a minute. The server's text is right without this; the
// words come from the badge's data attributes so no text is written here.
(function () {
  "use strict";
  var badges = document.querySelectorAll(".countdown[data-deadline]");
  if (!badges.length) return;
  function tick() {
    var now = Date.now();
    badges.forEach(function (b) {
      var deadline = Date.parse(b.getAttribute("data-deadline"));
      if (isNaN(deadline)) return;
      var left = Math.floor((deadline - now) / 60000);
      var running = b.getAttribute("data-running");
      var over = b.getAttribute("data-overdue");
      if (!running || !over) return;
      var text = left >= 0
        ? running.replace("{h}", String(Math.floor(left / 60))).replace("{m}", String(left % 60))
        : over.replace("{h}", String(Math.floor(-left / 60)));
      b.textContent = text;
      b.classList.toggle("warn", left < 0);
    });
  }
  setInterval(tick, 60000);
})();
