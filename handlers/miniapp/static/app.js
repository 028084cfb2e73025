// The Mini App's page: no framework and no build step. Every text comes from the server
// (api/me, in the person's language) and is set as text, never as markup.
(function () {
  "use strict";

  var tg = (window.Telegram && window.Telegram.WebApp) || null;
  var initData = tg ? tg.initData || "" : "";
  var screen = document.getElementById("screen");
  var tabs = document.getElementById("tabs");
  var toastBox = document.getElementById("toast");
  var me = null;
  var s = {};
  var cal = {
    view: "month",
    cursor: null,
    day: null,
    filters: { type: "", topic: "", format: "", audience: "", mine: false },
  };
  var dash = { kind: "month", first: null, last: null };
  var staff = { scope: "upcoming", month: 0, page: 0 };
  var firstScreenMarked = false;
  var early = null; // the first month's events, asked for before api/me answers

  // ---- small helpers ----------------------------------------------------------------------

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "on") node.addEventListener("click", attrs[key]);
      else if (key === "className") node.className = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false)
        node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { if (c) node.appendChild(c); });
      else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(nodes) {
    screen.replaceChildren.apply(screen, [].concat(nodes).filter(Boolean));
    window.scrollTo(0, 0);
  }

  function loading() {
    show(el("div", { className: "loading" }, el("span"), el("span"), el("span")));
  }

  function toast(text) {
    toastBox.textContent = text;
    toastBox.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { toastBox.hidden = true; }, 3500);
  }

  function haptic(kind) {
    if (!tg || !tg.HapticFeedback || !tg.isVersionAtLeast || !tg.isVersionAtLeast("6.1")) return;
    if (kind === "tap") tg.HapticFeedback.impactOccurred("light");
    else if (kind === "select") tg.HapticFeedback.selectionChanged();
    else tg.HapticFeedback.notificationOccurred(kind);
  }

  function confirmAsk(text, done) {
    if (tg && tg.showConfirm && tg.isVersionAtLeast && tg.isVersionAtLeast("6.2")) {
      tg.showConfirm(text, done);
    } else {
      done(window.confirm(text));
    }
  }

  function openChat(link) {
    if (tg && tg.openTelegramLink && link) {
      tg.openTelegramLink(link);
      if (tg.close) tg.close();
    } else if (link) {
      window.location.href = link;
    }
  }

  function openLink(url) {
    if (tg && tg.openLink) tg.openLink(url);
    else window.open(url, "_blank", "noopener");
  }

  // ---- the API ----------------------------------------------------------------------------

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function api(path, method, body) {
    var options = { method: method || "GET", headers: { Authorization: "tma " + initData } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(
      function (response) {
        if (response.status === 401) throw new ApiError(401, "");
        return response.json().then(
          function (data) {
            if (!response.ok) throw new ApiError(response.status, data.message || s.error);
            return data;
          },
          function () { throw new ApiError(response.status, s.error); }
        );
      },
      function () { throw new ApiError(0, ""); }
    );
  }

  function fatal(kind) {
    var box = document.getElementById("fatal");
    var code = (tg && tg.initDataUnsafe && tg.initDataUnsafe.user &&
      tg.initDataUnsafe.user.language_code) || navigator.language || "ru";
    var lang = me ? me.locale : code.indexOf("en") === 0 ? "en" : "ru";
    var word = function (name) { return box.getAttribute("data-" + lang + "-" + name) || ""; };
    tabs.hidden = true;
    if (tg && tg.BackButton) tg.BackButton.hide();
    haptic("error");
    show(el("div", { className: "fatal", id: "fatal-page" },
      el("h1", { text: word("title") }),
      el("p", { text: word(kind === 401 ? "auth" : "network") }),
      el("button", { className: "btn", text: word("retry"), on: function () { window.location.reload(); } })));
  }

  function failed(error) {
    if (error && (error.status === 401 || error.status === 0)) {
      fatal(error.status);
      return;
    }
    haptic("error");
    toast((error && error.message) || s.error);
  }

  // ---- dates: the server's days, counted in UTC so the phone's zone never shifts them -----

  function parseDay(text) {
    var p = text.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
  }
  function isoDay(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }
  function monday(d) { return addDays(d, -((d.getUTCDay() + 6) % 7)); }
  function firstOfMonth(d) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)); }
  function addMonths(d, n) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)); }
  function dm(d) { return ("0" + d.getUTCDate()).slice(-2) + "." + ("0" + (d.getUTCMonth() + 1)).slice(-2); }

  // ---- navigation ---------------------------------------------------------------------------

  function route() {
    var hash = window.location.hash;
    if (hash.indexOf("#/") !== 0) return [defaultScreen()];
    return hash.slice(2).split("/");
  }

  function defaultScreen() {
    var wanted = new URLSearchParams(window.location.search).get("screen");
    if (wanted === "dashboard" && me && me.dashboard) return "dashboard";
    return "calendar";
  }

  function go(path) { window.location.hash = "#/" + path; }

  var TOP = { calendar: 1, dashboard: 1, staff: 1, mentoring: 1 };

  function drawTabs(current) {
    var items = [["calendar", s["tab-calendar"]]];
    if (me.mentoring) items.push(["mentoring", s["tab-mentoring"]]);
    if (me.dashboard) {
      items.push(["dashboard", s["tab-dashboard"]]);
      items.push(["staff", s["tab-staff"]]);
    }
    tabs.hidden = items.length < 2;
    tabs.replaceChildren.apply(tabs, items.map(function (item) {
      return el("button", {
        text: item[1], "data-tab": item[0], "aria-current": item[0] === current ? "page" : null,
        on: function () { haptic("select"); go(item[0]); },
      });
    }));
  }

  function onBack() { window.history.back(); }

  function render() {
    var parts = route();
    var name = parts[0];
    drawTabs(TOP[name] ? name : "");
    if (tg && tg.BackButton) {
      if (TOP[name]) tg.BackButton.hide();
      else tg.BackButton.show();
    }
    if (name === "event") return eventScreen(+parts[1]);
    if (name === "participants") return participantsScreen(+parts[1]);
    if (name === "dashboard" && me.dashboard) return dashboardScreen();
    if (name === "staff" && me.dashboard) return staffScreen();
    if (name === "mentoring" && me.mentoring) return mentoringScreen();
    return calendarScreen();
  }

  // ---- the calendar -------------------------------------------------------------------------

  function range() {
    if (cal.view === "week") {
      var start = monday(cal.cursor);
      return [start, addDays(start, 7)];
    }
    var first = monday(firstOfMonth(cal.cursor));
    var after = addMonths(cal.cursor, 1);
    var last = addDays(monday(addDays(after, 6)), 0);
    return [first, last];
  }

  function calendarQuery() {
    var r = range();
    var q = new URLSearchParams({ from: isoDay(r[0]), to: isoDay(r[1]) });
    ["type", "topic", "format", "audience"].forEach(function (k) {
      if (cal.filters[k]) q.set(k, cal.filters[k]);
    });
    if (cal.filters.mine) q.set("mine", "1");
    return "api/calendar?" + q.toString();
  }

  function calendarScreen() {
    if (!cal.cursor) {
      cal.cursor = parseDay(me.today);
      cal.day = me.today;
    }
    var head = calendarHead();
    var query = calendarQuery();
    show([head, el("div", { className: "loading" }, el("span"), el("span"), el("span"))]);
    var ready = early && early.query === query ? early.answer : api(query);
    early = null;
    ready.then(function (data) {
      var body = cal.view === "week" ? weekBody(data.events) : monthBody(data.events);
      show([head].concat(body));
      if (!firstScreenMarked) {
        firstScreenMarked = true;
        performance.mark("first-screen");
        document.body.setAttribute("data-ready", "1");
      }
    }, failed);
  }

  function calendarHead() {
    var months = s.months.split(",");
    var title;
    if (cal.view === "week") {
      var start = monday(cal.cursor);
      title = dm(start) + " – " + dm(addDays(start, 6)) + "." + addDays(start, 6).getUTCFullYear();
    } else {
      title = months[cal.cursor.getUTCMonth()] + " " + cal.cursor.getUTCFullYear();
    }
    var step = function (n) {
      return function () {
        haptic("select");
        cal.cursor = cal.view === "week" ? addDays(cal.cursor, 7 * n) : addMonths(cal.cursor, n);
        calendarScreen();
      };
    };
    var seg = el("div", { className: "seg" },
      ["month", "week"].map(function (v) {
        return el("button", {
          text: s[v], "aria-pressed": String(cal.view === v), "data-view": v,
          on: function () { cal.view = v; haptic("select"); calendarScreen(); },
        });
      }),
      el("button", {
        text: s.today, on: function () {
          cal.cursor = parseDay(me.today); cal.day = me.today; calendarScreen();
        },
      }));
    var nav = el("div", { className: "nav" },
      el("button", { text: "‹", "aria-label": s.prev, on: step(-1), id: "prev" }),
      el("div", { className: "title", id: "period-title", text: title }),
      el("button", { text: "›", "aria-label": s.next, on: step(1), id: "next" }));
    var hint = me.onboarded ? null : el("p", { className: "hint", text: s["onboarding-hint"] });
    return el("div", null, hint, seg, nav, filtersBox());
  }

  function filtersBox() {
    var select = function (key, anyText) {
      var node = el("select", { "aria-label": anyText, name: key },
        el("option", { value: "", text: anyText }),
        me.options[key].map(function (pair) {
          return el("option", { value: pair[0], text: pair[1], selected: cal.filters[key] === pair[0] });
        }));
      node.addEventListener("change", function () {
        cal.filters[key] = node.value; haptic("select"); calendarScreen();
      });
      return node;
    };
    var mine = null;
    if (me.registered) {
      var box = el("input", { type: "checkbox", name: "mine", checked: cal.filters.mine });
      box.addEventListener("change", function () {
        cal.filters.mine = box.checked; haptic("select"); calendarScreen();
      });
      mine = el("label", null, box, s["only-mine"]);
    }
    return el("div", { className: "filters" },
      select("type", s["any-type"]), select("topic", s["any-topic"]),
      select("format", s["any-format"]), select("audience", s["any-audience"]), mine);
  }

  function byDay(events) {
    var days = {};
    events.forEach(function (e) { (days[e.day] = days[e.day] || []).push(e); });
    return days;
  }

  function monthBody(events) {
    var days = byDay(events);
    var r = range();
    var month = cal.cursor.getUTCMonth();
    var grid = el("div", { className: "grid", role: "grid" },
      s.weekdays.split(",").map(function (w) { return el("div", { className: "wd", text: w }); }));
    for (var d = r[0]; d < r[1]; d = addDays(d, 1)) {
      (function (day) {
        var key = isoDay(day);
        var list = days[key] || [];
        var dots = el("span", { className: "dots" }, list.slice(0, 3).map(function (e) {
          return el("span", { className: e.mine ? "dot mine" : "dot" });
        }));
        var classes = "day" + (day.getUTCMonth() !== month ? " out" : "") +
          (key === me.today ? " today" : "");
        grid.appendChild(el("button", {
          className: classes, "data-day": key, "aria-pressed": String(key === cal.day),
          on: function () { cal.day = key; haptic("select"); showDay(grid, days); },
        }, el("span", { text: String(day.getUTCDate()) }), dots));
      })(d);
    }
    var list = el("div", { className: "list", id: "day-list" });
    fillDay(list, days);
    var empty = events.length ? null : el("p", { className: "hint", id: "no-events", text: s["no-events"] });
    return [grid, empty, list];
  }

  function showDay(grid, days) {
    grid.querySelectorAll(".day").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-day") === cal.day));
    });
    fillDay(document.getElementById("day-list"), days);
  }

  function fillDay(list, days) {
    var items = days[cal.day] || [];
    list.replaceChildren.apply(list, items.length ? items.map(eventItem)
      : [el("p", { className: "hint", text: s["no-events-day"] })]);
  }

  function weekBody(events) {
    var days = byDay(events);
    var start = monday(cal.cursor);
    var names = s.weekdays.split(",");
    var out = [];
    for (var i = 0; i < 7; i++) {
      var key = isoDay(addDays(start, i));
      if (!days[key]) continue;
      out.push(el("div", { className: "dayhead", text: names[i] + ", " + dm(addDays(start, i)) }));
      out.push(el("div", { className: "list" }, days[key].map(eventItem)));
    }
    if (!out.length) out.push(el("p", { className: "hint", id: "no-events", text: s["no-events"] }));
    return out;
  }

  function eventItem(e) {
    return el("button", {
      className: "item", "data-event": String(e.id),
      on: function () { haptic("tap"); go("event/" + e.id); },
    },
      el("span", { className: "top" }, el("span", { text: e.time + " · " + e.type_label }),
        e.mine ? el("span", { className: "badge " + e.mine, text: e.mine_text.split(" ")[0] }) : null),
      el("span", { className: "name", text: e.title }),
      el("span", { className: "meta", text: e.format_label + " · " + e.seats }));
  }

  // ---- an event's page ---------------------------------------------------------------------

  function eventScreen(id) {
    loading();
    api("api/events/" + id).then(drawEvent, failed);
  }

  function drawEvent(e) {
    var rows = [
      el("h1", { text: e.title, id: "event-title" }),
      el("div", { className: "chips" },
        el("span", { className: "chip", text: e.type_label }),
        el("span", { className: "chip", text: e.topic_label }),
        el("span", { className: "chip", text: e.format_label })),
      el("div", { className: "card" },
        el("p", { text: "🗓 " + e.when }),
        e.place ? el("p", { text: "📍 " + e.place }) : null,
        e.link ? el("p", null, el("a", {
          href: e.link, text: "🔗 " + s.link, rel: "noopener",
          on: function (ev) { ev.preventDefault(); openLink(e.link); },
        })) : null,
        e.link_hidden ? el("p", { className: "hint", text: e.link_hidden }) : null,
        el("p", { id: "seats", text: e.seats }),
        e.deadline ? el("p", { className: "hint", text: e.deadline }) : null,
        el("p", { className: "hint", text: e.audience_label }),
        el("p", { className: "hint", text: e.phase_label })),
      e.mine_text ? el("p", { className: "status", id: "my-status", text: e.mine_text }) : null,
      e.closed_text ? el("p", { className: "status", text: e.closed_text }) : null,
      el("div", { className: "actions" }, eventActions(e)),
      e.description ? el("h2", { text: s.about }) : null,
      e.description ? el("p", { text: e.description, className: "description" }) : null,
    ];
    show(rows);
  }

  function eventActions(e) {
    var out = [];
    if (!me.onboarded) {
      out.push(el("p", { className: "hint", text: s["onboarding-hint"] }));
      out.push(el("button", {
        className: "btn", id: "finish-onboarding", text: s["finish-onboarding"],
        on: function () { openChat(e.chat_link); },
      }));
      return out;
    }
    if (e.can_register) {
      out.push(el("button", {
        className: "btn", id: "register", text: e.full ? s["join-waitlist"] : s.register,
        on: function (ev) { register(e, ev.currentTarget); },
      }));
    }
    if (e.can_cancel) {
      out.push(el("button", {
        className: "btn danger", id: "cancel",
        text: e.mine === "waitlisted" ? s["leave-waitlist"] : s.cancel,
        on: function (ev) { cancel(e, ev.currentTarget); },
      }));
    }
    if (e.chat_link) {
      out.push(el("button", {
        className: "btn ghost", text: s["open-chat"], on: function () { openChat(e.chat_link); },
      }));
    }
    return out;
  }

  function register(e, button) {
    button.disabled = true;
    haptic("tap");
    api("api/events/" + e.id + "/register", "POST", {}).then(function (data) {
      haptic(data.status === "registered" ? "success" : "warning");
      drawEvent(data.event);
      toast(data.message);
    }, function (error) {
      button.disabled = false;
      failed(error);
    });
  }

  function cancel(e, button) {
    haptic("tap");
    api("api/events/" + e.id + "/cancel").then(function (outlook) {
      confirmAsk(outlook.message, function (yes) {
        if (!yes) return;
        button.disabled = true;
        api("api/events/" + e.id + "/cancel", "POST", {}).then(function (data) {
          haptic("success");
          drawEvent(data.event);
          toast(data.message);
        }, function (error) { button.disabled = false; failed(error); });
      });
    }, failed);
  }

  // ---- the dashboard -------------------------------------------------------------------------

  function dashboardScreen() {
    loading();
    var q = new URLSearchParams({ kind: dash.kind });
    if (dash.first) q.set("first", dash.first);
    if (dash.kind === "custom" && dash.last) q.set("last", dash.last);
    api("api/staff/dashboard?" + q.toString()).then(drawDashboard, failed);
  }

  function drawDashboard(d) {
    var moveTo = function (p) {
      return function () { haptic("select"); dash.kind = p.kind; dash.first = p.first; dash.last = p.last; dashboardScreen(); };
    };
    var seg = el("div", { className: "seg" }, ["month", "quarter", "school_year"].map(function (k) {
      return el("button", {
        text: s["period-" + k], "aria-pressed": String(d.period.kind === k),
        on: function () { dash.kind = k; dash.first = d.period.first; haptic("select"); dashboardScreen(); },
      });
    }));
    var nav = el("div", { className: "nav" },
      el("button", { text: "‹", "aria-label": s.prev, on: moveTo(d.period.prev) }),
      el("div", { className: "title", id: "dash-period", text: d.period.label + (d.school ? " · " + d.school : "") }),
      el("button", { text: "›", "aria-label": s.next, on: moveTo(d.period.next) }));
    var tiles = el("div", { className: "tiles", id: "headline" }, d.headline.map(function (h) {
      return el("div", { className: "tile" }, el("b", { text: h.value }), el("span", { text: h.label }));
    }));
    var c = d.charts;
    show([
      seg, nav, tiles,
      el("h2", { text: s["chart-participation"] }), shareBars(c.participation),
      el("h2", { text: s["chart-attendance"] }),
      legend([["c1", s["legend-registered"]], ["c2", s["legend-attended"]]]), monthBars(c.attendance),
      c.difficulties.length ? el("h2", { text: s["chart-difficulties"] }) : null,
      c.difficulties.length ? legend([["c3", s["legend-serious"]], ["c4", s["legend-some"]]]) : null,
      c.difficulties.length ? difficultyBars(c.difficulties) : null,
      el("h2", { text: s.indicators }),
      indicatorList(d.indicators.filter(function (i) { return !i.mentoring; }), "indicators"),
      el("p", { className: "hint", text: s["indicators-note"] }),
      el("h2", { text: s["mentoring-section"], id: "mentoring-section" }),
      el("h3", { text: s["chart-mentoring"] }),
      legend([["c1", s["legend-young"]], ["c5", s["legend-risk"]]]),
      pairBars(c.mentoring.young, c.mentoring.risk),
      indicatorList(d.indicators.filter(function (i) { return i.mentoring; }), "mentoring-indicators"),
      meetingsCard(d.meetings),
      el("h2", { text: s.exports }), reportExports(d),
    ]);
  }

  // Meetings per pair per month: a rate, worded by the server ("0,5"), with its meetings and
  // pairs; a hidden category comes without figures.
  function rate(r) {
    if (r.hidden) return s["hidden-pairs"];
    if (r.rate === null) return "—";
    return r.rate + " (" + r.numerator + " / " + r.denominator + ")";
  }

  function meetingsCard(m) {
    if (!m.period.length) return null;
    var row = function (label, r) {
      return el("div", { className: "row", "data-category": r.category || null },
        el("span", { text: label }), el("span", { text: rate(r) }));
    };
    var months = m.months.length > 1 ? el("div", { className: "ind", id: "meetings-months" },
      el("p", { className: "hint", text: s["meetings-months"] }),
      m.months.map(function (r) { return row(r.month, r); })) : null;
    return el("div", { className: "card", id: "mentoring-meetings" },
      el("div", { className: "ind" }, el("p", { text: s["meetings-title"] }),
        m.period.map(function (r) { return row(r.label, r); })),
      months);
  }

  function legend(items) {
    return el("div", { className: "legend" }, items.map(function (i) {
      return el("span", null, el("i", { className: i[0] }), i[1]);
    }));
  }

  function percent(r) {
    if (r.hidden) return s.hidden;
    if (r.share === null) return "—";
    return Math.round(100 * r.share) + "% (" + r.numerator + " " + s.of + " " + r.denominator + ")";
  }

  // Vertical bars of shares, one per school category, with the figure above each bar.
  function shareBars(rows) {
    var w = 340, h = 190, top = 34, base = 150, gap = 10;
    var bw = (w - gap * (rows.length + 1)) / Math.max(rows.length, 1);
    var chart = svg("svg", { viewBox: "0 0 " + w + " " + h, class: "chart", role: "img", id: "chart-participation" });
    rows.forEach(function (r, i) {
      var x = gap + i * (bw + gap);
      var v = r.hidden || r.share === null ? 0 : r.share;
      var bh = Math.max(2, (base - top) * v);
      chart.appendChild(svg("rect", { x: x, y: base - bh, width: bw, height: bh, rx: 4, class: "c" + (i + 1) }));
      var label = r.hidden ? "—" : r.share === null ? "—" : Math.round(100 * r.share) + "%";
      chart.appendChild(svg("text", { x: x + bw / 2, y: base - bh - 16, "text-anchor": "middle" }, label));
      chart.appendChild(svg("text", { x: x + bw / 2, y: base - bh - 3, "text-anchor": "middle", class: "muted" },
        r.hidden ? "" : r.numerator + "/" + r.denominator));
      chart.appendChild(svg("text", { x: x + bw / 2, y: base + 18, "text-anchor": "middle" }, r.label));
    });
    return chart;
  }

  function monthBars(rows) {
    if (!rows.length) return el("p", { className: "hint", text: s["no-data"] });
    var w = 340, h = 180, base = 140, top = 16;
    var max = Math.max.apply(null, rows.map(function (r) { return Math.max(r.registered, r.attended, 1); }));
    var slot = (w - 10) / rows.length, bw = Math.max(4, slot / 2 - 3);
    var chart = svg("svg", { viewBox: "0 0 " + w + " " + h, class: "chart", role: "img", id: "chart-attendance" });
    rows.forEach(function (r, i) {
      var x = 5 + i * slot;
      [[r.registered, "c1", 0], [r.attended, "c2", bw + 2]].forEach(function (b) {
        var bh = Math.max(1, (base - top) * b[0] / max);
        chart.appendChild(svg("rect", { x: x + b[2], y: base - bh, width: bw, height: bh, rx: 2, class: b[1] }));
        chart.appendChild(svg("text", { x: x + b[2] + bw / 2, y: base - bh - 3, "text-anchor": "middle", class: "muted" }, String(b[0])));
      });
      chart.appendChild(svg("text", { x: x + bw + 1, y: base + 16, "text-anchor": "middle", class: "muted" }, r.label.split(" ")[0]));
      chart.appendChild(svg("text", { x: x + bw + 1, y: base + 30, "text-anchor": "middle", class: "muted" }, r.label.split(" ")[1] || ""));
    });
    return chart;
  }

  // Horizontal stacked bars: the label on its own line above each bar, so long topic names
  // stay readable at 360 px.
  function difficultyBars(rows) {
    var w = 340, row = 44;
    var chart = svg("svg", { viewBox: "0 0 " + w + " " + rows.length * row, class: "chart", role: "img", id: "chart-difficulties" });
    rows.forEach(function (r, i) {
      var y = i * row;
      var label = r.label.length > 46 ? r.label.slice(0, 45) + "…" : r.label;
      chart.appendChild(svg("text", { x: 0, y: y + 14 }, label));
      var a = (w - 80) * r.serious, b = (w - 80) * r.some;
      chart.appendChild(svg("rect", { x: 0, y: y + 20, width: Math.max(a, 1), height: 14, class: "c3" }));
      chart.appendChild(svg("rect", { x: a, y: y + 20, width: Math.max(b, 1), height: 14, class: "c4" }));
      chart.appendChild(svg("text", { x: a + b + 6, y: y + 32, class: "muted" },
        Math.round(100 * r.serious) + "% / " + Math.round(100 * r.some) + "%"));
    });
    return chart;
  }

  function pairBars(young, risk) {
    if (!young.length) return el("p", { className: "hint", text: s["no-data"] });
    var w = 340, row = 64;
    var chart = svg("svg", { viewBox: "0 0 " + w + " " + young.length * row, class: "chart", role: "img", id: "chart-mentoring" });
    young.forEach(function (r, i) {
      var y = i * row;
      chart.appendChild(svg("text", { x: 0, y: y + 14 }, r.label));
      [[r, "c1", 32], [risk[i], "c5", 52]].forEach(function (b) {
        var ratio = b[0] || { share: null, hidden: false, numerator: 0, denominator: 0 };
        var v = ratio.hidden || ratio.share === null ? 0 : ratio.share;
        var width = (w - 170) * v;
        chart.appendChild(svg("rect", { x: 0, y: y + b[2] - 11, width: Math.max(width, 2), height: 13, class: b[1] }));
        chart.appendChild(svg("text", { x: width + 6, y: y + b[2], class: "muted" }, percent(ratio)));
      });
    });
    return chart;
  }

  function indicatorList(list, id) {
    return el("div", { className: "card", id: id }, list.map(function (ind) {
      return el("div", { className: "ind", "data-kind": ind.kind },
        el("p", { text: ind.name }),
        ind.values.map(function (v) {
          return el("div", { className: "row" }, el("span", { text: v.label }), el("span", { text: percent(v) }));
        }));
    }));
  }

  function download(request) {
    haptic("tap");
    api("api/staff/exports", "POST", request).then(function (link) {
      var url = new URL(link.url, window.location.href).href;
      if (tg && tg.downloadFile && tg.isVersionAtLeast && tg.isVersionAtLeast("8.0")) {
        tg.downloadFile({ url: url, file_name: link.name });
      } else {
        var a = el("a", { href: url, download: link.name });
        document.body.appendChild(a);
        a.click();
        a.remove();
      }
      haptic("success");
      toast(s["download-ready"]);
    }, failed);
  }

  function reportExports(d) {
    var period = { kind: d.period.kind, first: d.period.first, last: d.period.last };
    var select = el("select", { name: "section", "aria-label": s["export-csv"] },
      d.sections.map(function (x) { return el("option", { value: x.value, text: x.label }); }));
    return el("div", { className: "actions" },
      el("button", {
        className: "btn", id: "export-xlsx", text: s["export-xlsx"],
        on: function () { download({ what: "report", format: "xlsx", period: period }); },
      }),
      el("div", { className: "filters" }, select, el("button", {
        className: "btn ghost", id: "export-csv", text: s["export-csv"],
        on: function () { download({ what: "report", format: "csv", section: select.value, period: period }); },
      })));
  }

  // ---- staff's events and participants ------------------------------------------------------

  function staffScreen() {
    loading();
    var q = new URLSearchParams({ scope: staff.scope, page: String(staff.page) });
    if (staff.month) q.set("month", String(staff.month));
    api("api/staff/events?" + q.toString()).then(drawStaff, failed);
  }

  function drawStaff(d) {
    var seg = el("div", { className: "seg" }, ["upcoming", "today", "past"].map(function (k) {
      return el("button", {
        text: s["staff-" + k], "aria-pressed": String(d.scope === k),
        on: function () { staff.scope = k; staff.page = 0; haptic("select"); staffScreen(); },
      });
    }));
    var nav = null;
    if (d.scope === "past") {
      var months = s.months.split(",");
      var y = Math.floor(d.month / 100), m = d.month % 100;
      var shiftMonth = function (n) {
        return function () {
          var index = y * 12 + m - 1 + n;
          staff.month = Math.floor(index / 12) * 100 + (index % 12) + 1;
          staff.page = 0;
          staffScreen();
        };
      };
      nav = el("div", { className: "nav" },
        el("button", { text: "‹", "aria-label": s.prev, on: shiftMonth(-1) }),
        el("div", { className: "title", text: months[m - 1] + " " + y }),
        el("button", { text: "›", "aria-label": s.next, on: shiftMonth(1) }));
    }
    var list = d.items.length ? el("div", { className: "list" }, d.items.map(function (e) {
      return el("button", {
        className: "item", "data-event": String(e.id),
        on: function () { haptic("tap"); go("participants/" + e.id); },
      },
        el("span", { className: "top", text: e.when }),
        el("span", { className: "name", text: e.title }),
        el("span", { className: "meta", text: e.seats }));
    })) : el("p", { className: "hint", text: s["staff-empty"] });
    var pager = d.pages > 1 ? el("div", { className: "pager" },
      el("button", { text: "‹", disabled: d.page === 0, on: function () { staff.page--; staffScreen(); } }),
      el("span", { text: (d.page + 1) + " / " + d.pages }),
      el("button", { text: "›", disabled: d.page + 1 >= d.pages, on: function () { staff.page++; staffScreen(); } })) : null;
    show([seg, nav, list, pager]);
  }

  function participantsScreen(id) {
    loading();
    api("api/staff/events/" + id + "/participants").then(drawParticipants, failed);
  }

  function personRow(p, data, marking) {
    var right;
    if (marking) {
      right = el("input", {
        type: "checkbox", className: "toggle", checked: p.attended,
        "aria-label": p.name, "data-registration": String(p.registration_id),
      });
      right.addEventListener("change", function () {
        right.disabled = true;
        haptic("select");
        api("api/staff/events/" + data.event.id + "/attendance", "POST",
          { registration_id: p.registration_id, attended: right.checked }).then(function (fresh) {
          drawParticipants(fresh);
        }, function (error) { right.checked = !right.checked; right.disabled = false; failed(error); });
      });
    } else {
      right = el("span", { text: p.attended ? "✅" : "" });
    }
    return el("li", null, el("span", null, p.position ? p.position + ". " + p.name : p.name,
      el("small", { text: p.school })), right);
  }

  function drawParticipants(d) {
    var group = function (title, people, marking) {
      if (!people.length) return null;
      return [el("h2", { text: title + " · " + people.length }),
        el("ul", { className: "people card" }, people.map(function (p) { return personRow(p, d, marking); }))];
    };
    var e = d.event;
    show([
      el("h1", { text: e.title, id: "participants-title" }),
      el("p", { className: "hint", text: e.when + " · " + e.phase_label }),
      el("p", { text: e.seats }),
      el("p", { id: "attended-count", text: s["attended-count"] + ": " + d.attended + " / " + d.registered.length }),
      el("p", { className: "hint", text: d.can_mark ? s["mark-hint"] : s["mark-closed"] }),
      d.registered.length ? null : el("p", { className: "hint", text: s["no-participants"] }),
      group(s["list-registered"], d.registered, d.can_mark),
      group(s["list-offered"], d.offered, false),
      group(s["list-waiting"], d.waiting, false),
      el("div", { className: "actions" },
        el("button", { className: "btn ghost", text: s["export-event-xlsx"], on: function () { download({ what: "event", format: "xlsx", event_id: e.id }); } }),
        el("button", { className: "btn ghost", text: s["export-event-csv"], on: function () { download({ what: "event", format: "csv", event_id: e.id }); } })),
    ].reduce(function (all, x) { return all.concat(x); }, []));
  }

  // ---- mentoring ------------------------------------------------------------------------------

  function mentoringScreen() {
    loading();
    api("api/mentoring").then(drawMentoring, failed);
  }

  function drawMentoring(d) {
    if (d.message) toast(d.message);
    if (!d.pairs.length) {
      show(el("p", { className: "hint", text: s["mentoring-none"] }));
      return;
    }
    var chat = me.chat_link ? el("button", {
      className: "btn ghost", id: "mentoring-chat", text: s["open-chat"],
      on: function () { openChat(me.chat_link); },
    }) : null;
    show([].concat(d.groups.map(groupCard), d.pairs.map(pairCard),
      [el("p", { className: "hint", text: s["mentoring-chat"] }), chat]));
  }

  function progressBar(done, total) {
    var bar = el("div", { className: "progress" }, el("div"));
    bar.firstChild.style.width = (total ? Math.round(100 * done / total) : 0) + "%";
    return bar;
  }

  function pairCard(p) {
    var form = p.form === "group" ? [p.form_label, p.group_label].filter(Boolean).join(" · ") : "";
    return el("div", { className: "card", "data-pair": String(p.id), "data-status": p.status },
      el("h2", { text: p.title }),
      el("p", { className: "hint", text: [p.side_label, p.status_label].filter(Boolean).join(" · ") }),
      form ? el("p", { className: "hint", text: form }) : null,
      p.notice ? el("p", { className: "notice", text: p.notice }) : null,
      p.total ? el("p", { text: s.progress + ": " + p.done + " / " + p.total }) : null,
      p.total ? progressBar(p.done, p.total) : null,
      p.outlook.length ? el("div", { className: "outlook" }, p.outlook.map(function (line) {
        return el("p", { text: line });
      })) : null,
      p.steps.length ? el("ul", { className: "steps" }, p.steps.map(stepItem)) : null,
      meetingList(p.meetings, s.meetings));
  }

  function stepItem(step) {
    var act = null;
    if (step.can_mark) act = el("button", { text: s["mark-done"], on: stepAction(step.id, "done") });
    if (step.can_confirm) act = el("button", { text: s.confirm, on: stepAction(step.id, "confirm") });
    var state = step.confirmed ? s["step-confirmed"] : step.done ? s["step-done"] : "";
    return el("li", { "data-step": String(step.id) },
      el("span", { className: "mark", text: step.confirmed ? "✅" : step.done ? "☑️" : "▫️" }),
      el("span", null, step.text,
        el("span", { className: "small", text: " · " + s.due + " " + step.due + (state ? " · " + state : "") }),
        act ? el("br") : null, act));
  }

  // The notes are in the answer only for those the chat shows them to.
  function meetingList(list, title) {
    if (!list.length) return null;
    return el("div", { className: "meetings" },
      el("h3", { text: title + " · " + list.length }),
      el("ul", { className: "steps" }, list.map(function (m) {
        return el("li", { "data-meeting": String(m.id), "data-planned": m.planned ? "1" : null },
          el("span", { className: "mark", text: m.planned ? "○" : "●" }),
          el("span", null, m.date + ", " + m.format + (m.marks.length ? " " + m.marks.join(" ") : ""),
            m.note ? el("span", { className: "note", text: m.note }) : null));
      })));
  }

  // A group's mentor sees the group: each member's plan progress and next step.
  function groupCard(g) {
    return el("div", { className: "card", "data-group": String(g.id) },
      el("h2", { text: g.title }),
      el("p", { className: "hint", text: g.active_label }),
      el("ul", { className: "members" }, g.members.map(function (m) {
        return el("li", { "data-member": String(m.pair_id) },
          el("span", { className: "top" }, el("b", { text: m.name }),
            el("span", { className: "small", text: m.done + " / " + m.total })),
          el("span", { className: "small", text: m.status_label }),
          progressBar(m.done, m.total),
          m.next_step ? el("span", { className: "small", text: m.next_step }) : null);
      })),
      meetingList(g.meetings, s["group-meetings"]));
  }

  function stepAction(id, what) {
    return function (ev) {
      ev.currentTarget.disabled = true;
      haptic("tap");
      api("api/mentoring/steps/" + id + "/" + what, "POST", {}).then(function (d) {
        haptic("success");
        drawMentoring(d);
      }, failed);
    };
  }

  // ---- start -------------------------------------------------------------------------------

  function applyTheme() {
    if (!tg) return;
    var params = tg.themeParams || {};
    var root = document.documentElement.style;
    Object.keys(params).forEach(function (key) {
      root.setProperty("--tg-theme-" + key.replace(/_/g, "-"), params[key]);
    });
    document.documentElement.setAttribute("data-scheme", tg.colorScheme || "light");
  }

  function start() {
    if (tg) {
      tg.ready();
      if (tg.expand) tg.expand();
      applyTheme();
      if (tg.onEvent) tg.onEvent("themeChanged", applyTheme);
      if (tg.BackButton) tg.BackButton.onClick(onBack);
    }
    // The first month is asked for together with api/me, from the phone's own date; the
    // rare guess that misses the server's day (around midnight) is simply asked again.
    var local = new Date();
    var guess = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
    cal.cursor = guess;
    early = { query: calendarQuery(), answer: api(calendarQuery()) };
    early.answer.catch(function () {});
    cal.cursor = null;
    api("api/me").then(function (data) {
      me = data;
      s = data.strings;
      document.documentElement.lang = data.locale;
      window.addEventListener("hashchange", render);
      render();
    }, function (error) { fatal(error.status); });
  }

  start();
})();
