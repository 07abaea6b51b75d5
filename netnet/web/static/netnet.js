// netnet's part of the page (loaded before textual.js, which opens the WebSocket).
//
// - While a call is live (the app says so), the page asks before it is closed or reloaded.
// - The tab's title follows the app ("Call · netnet"); document.body.dataset.netnetScreen
//   names the screen shown (the browser test waits on it).
// - When netnet refuses or ends a session, the page says why, in the app's words.
"use strict";
(function () {
  const Native = window.WebSocket;
  let callLive = false;

  function body() {
    return document.body;
  }

  function say(text) {
    const place = document.getElementById("netnet-ended-text");
    if (place && typeof text === "string") {
      place.textContent = text;
    }
  }

  function setCallLive(live) {
    callLive = live;
    if (body()) {
      body().dataset.callLive = live ? "yes" : "no";
    }
    document.title = live ? "● Call · netnet" : "netnet";
  }

  function heard(message) {
    const [kind, data] = message;
    if (kind === "netnet-call") {
      setCallLive(Boolean(data && data.live));
    } else if (kind === "netnet-screen") {
      if (body() && data && typeof data.name === "string") {
        body().dataset.netnetScreen = data.name;
      }
    } else if (kind === "netnet-refused" || kind === "netnet-ended") {
      say(data);
    }
  }

  class NetnetSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          return;
        }
        let message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (Array.isArray(message)) {
          heard(message);
        }
      });
      this.addEventListener("close", () => setCallLive(false));
    }
  }
  window.WebSocket = NetnetSocket;

  // Closing or reloading the tab during a call: the browser asks first. (Were it closed
  // anyway, netnet saves what is typed before the session ends.)
  window.addEventListener("beforeunload", (event) => {
    if (callLive) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    // The WebSocket goes back to the address the page came from (behind a TLS reverse proxy
    // too), before textual.js reads it at "load".
    const terminal = document.getElementById("terminal");
    if (terminal) {
      const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      terminal.dataset.sessionWebsocketUrl = scheme + window.location.host + "/ws";
    }
    const again = document.getElementById("netnet-reopen");
    if (again) {
      again.addEventListener("click", () => window.location.reload());
    }
  });
})();
