/* "Li has been editing this since 10:42": the change form tells the server it is still
   open every minute and says goodbye when left (editorial/presence.py); the answer names
   whoever else has the record open. No websocket: one small request a minute. */
(function () {
  "use strict";

  const banner = document.getElementById("editing-now");
  const token = document.querySelector("#content-main form input[name='csrfmiddlewaretoken']");
  if (!banner || !token) return;
  const url = banner.dataset.presenceUrl;
  const MINUTE = 60 * 1000;

  function body(extra) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    for (const [name, value] of Object.entries(extra || {})) data.append(name, value);
    return data;
  }

  async function refresh() {
    try {
      const response = await fetch(url, { method: "POST", body: body(), credentials: "same-origin" });
      if (!response.ok) return;
      const { others } = await response.json();
      banner.textContent = others;
      banner.hidden = !others;
    } catch (error) {
      // Offline for a moment: the next minute tries again.
    }
  }

  setInterval(refresh, MINUTE);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
  window.addEventListener("pagehide", () => navigator.sendBeacon(url, body({ leave: "1" })));
})();
