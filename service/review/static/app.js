// Click a transcript line (or an evidence / flag link) to play the recording from there.
(function () {
  var player = document.getElementById("player");
  function seek(seconds) {
    if (!player) return;
    player.currentTime = Math.max(0, seconds);
    var played = player.play();
    if (played && played.catch) played.catch(function () {});
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("details, form, textarea, button, select, input")) return;
    var link = event.target.closest("a.seek");
    var line = event.target.closest("li.line");
    if (link) {
      var target = document.querySelector(link.getAttribute("href"));
      if (target && target.dataset.start !== undefined) {
        seek(parseFloat(target.dataset.start));
        target.classList.add("focus");
        setTimeout(function () { target.classList.remove("focus"); }, 1500);
      }
      return;
    }
    if (line) seek(parseFloat(line.dataset.start || "0"));
  });
  if (player) {
    player.addEventListener("timeupdate", function () {
      var now = player.currentTime, current = null;
      document.querySelectorAll("li.line").forEach(function (li) {
        if (parseFloat(li.dataset.start) <= now + 0.05) current = li;
        li.classList.remove("playing");
      });
      if (current) current.classList.add("playing");
    });
  }
})();
