// An offline stand-in for Telegram's telegram-web-app.js, for the browser tests only. Like the
// real script it reads the launch parameters from the URL's fragment (tgWebAppData,
// tgWebAppThemeParams) and exposes window.Telegram.WebApp; every call is recorded in
// window.__tgCalls so the tests can see haptics, the back button and links.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.hash.slice(1));
  var saved = sessionStorage.getItem("__stub_params");
  if (params.get("tgWebAppData")) sessionStorage.setItem("__stub_params", window.location.hash.slice(1));
  else if (saved) params = new URLSearchParams(saved);
  var raw = params.get("tgWebAppData") || "";
  var theme = JSON.parse(params.get("tgWebAppThemeParams") || "{}");
  var unsafe = {};
  new URLSearchParams(raw).forEach(function (v, k) {
    try { unsafe[k] = k === "user" ? JSON.parse(v) : v; } catch (e) { unsafe[k] = v; }
  });
  var calls = [];
  window.__tgCalls = calls;
  function record(name) {
    return function () { calls.push([name].concat([].slice.call(arguments))); };
  }
  var backHandlers = [];
  var root = document.documentElement.style;
  Object.keys(theme).forEach(function (key) {
    root.setProperty("--tg-theme-" + key.replace(/_/g, "-"), theme[key]);
  });
  window.Telegram = {
    WebApp: {
      initData: raw,
      initDataUnsafe: unsafe,
      version: params.get("tgWebAppVersion") || "7.10",
      platform: "unknown",
      colorScheme: params.get("tgWebAppColorScheme") || "light",
      themeParams: theme,
      isVersionAtLeast: function (v) { return parseFloat(v) <= parseFloat(this.version); },
      ready: record("ready"),
      expand: record("expand"),
      close: record("close"),
      onEvent: record("onEvent"),
      offEvent: record("offEvent"),
      openLink: record("openLink"),
      openTelegramLink: record("openTelegramLink"),
      showConfirm: function (text, done) { calls.push(["showConfirm", text]); done(true); },
      BackButton: {
        isVisible: false,
        show: function () { this.isVisible = true; calls.push(["BackButton.show"]); },
        hide: function () { this.isVisible = false; calls.push(["BackButton.hide"]); },
        onClick: function (fn) { backHandlers.push(fn); },
        offClick: function () {},
        press: function () { backHandlers.forEach(function (fn) { fn(); }); },
      },
      HapticFeedback: {
        impactOccurred: record("haptic.impact"),
        notificationOccurred: record("haptic.notification"),
        selectionChanged: record("haptic.selection"),
      },
    },
  };
})();
