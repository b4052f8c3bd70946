// ViscoOrleans operator dashboard: reads /dashboard/api/live (server-sent events) and draws tables and SVG charts.
// No framework and no build step; everything that comes from the server is inserted as text, never as HTML.
(() => {
  "use strict";
  const base = document.currentScript.dataset.base;
  const windowMs = 10 * 60 * 1000;
  const colors = ["#1f6feb", "#d1242f", "#1a7f37", "#bf8700", "#8250df", "#0a7ea4", "#cf222e", "#57606a"];
  const svgNs = "http://www.w3.org/2000/svg";
  const charts = new Map();
  let latest = null;

  // ---- formatting ----------------------------------------------------------------------------------------------
  const num = (v, digits = 3) => {
    if (v === null || v === undefined || Number.isNaN(v)) { return "–"; }
    const a = Math.abs(v);
    if (a >= 1e9) { return (v / 1e9).toPrecision(digits) + "G"; }
    if (a >= 1e6) { return (v / 1e6).toPrecision(digits) + "M"; }
    if (a >= 1e4) { return (v / 1e3).toPrecision(digits) + "k"; }
    if (a >= 100 || Number.isInteger(v)) { return Math.round(v).toString(); }
    return v.toPrecision(digits).replace(/\.?0+$/, "");
  };
  const bytes = v => {
    if (v === null || v === undefined) { return "–"; }
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? Math.round(v) : v.toFixed(1)) + " " + units[i];
  };
  const ms = v => (v === null || v === undefined ? "–" : num(v) + " ms");
  const perSec = v => (v === null || v === undefined ? "–" : num(v) + "/s");
  const pct = v => (v === null || v === undefined ? "–" : v.toFixed(1) + " %");
  const duration = s => {
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return d > 0 ? `${d}d ${h}h ${m}m` : h > 0 ? `${h}h ${m}m` : `${m}m ${Math.floor(s % 60)}s`;
  };

  // ---- DOM helpers ---------------------------------------------------------------------------------------------
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) { node.setAttribute(k, v); }
    for (const c of children) { node.append(c instanceof Node ? c : document.createTextNode(String(c))); }
    return node;
  };
  const empty = (text = "no data yet") => el("div", { class: "empty" }, text);
  const fill = (id, ...nodes) => { const target = document.getElementById(id); if (target) { target.replaceChildren(...nodes); } };
  const table = (headers, rows, textColumns = 1) => {
    if (rows.length === 0) { return empty(); }
    const head = el("tr", {}, ...headers.map((h, i) => el("th", i < textColumns ? { class: "text" } : {}, h)));
    const body = rows.map(r => el("tr", {}, ...r.map((c, i) => {
      const cell = c && typeof c === "object" && !(c instanceof Node) ? c : { text: c };
      const cls = [i < textColumns ? "text" : "", cell.bad ? "bad" : ""].join(" ").trim();
      return el("td", cls ? { class: cls } : {}, cell.text ?? "–");
    })));
    return el("table", {}, el("thead", {}, head), el("tbody", {}, ...body));
  };
  const tile = (label, value) => el("div", { class: "tile" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value));
  const bar = (label, share) => {
    const b = el("div", { class: "bar" }, el("span"), el("em", {}, label));
    b.firstChild.style.width = Math.max(0, Math.min(100, share * 100)).toFixed(1) + "%";
    return b;
  };

  // ---- instruments ---------------------------------------------------------------------------------------------
  const instruments = (test) => (latest?.instruments ?? []).filter(i => typeof test === "string" ? i.name === test : test.test(i.name));
  const series = (test) => instruments(test).flatMap(i => i.series.map(s => ({ ...s, instrument: i })));
  const sum = (list, f) => list.length === 0 ? null : list.reduce((a, s) => a + (f(s) ?? 0), 0);
  const rateOf = test => { const s = series(test).filter(x => x.rate !== null); return s.length ? sum(s, x => x.rate) : null; };
  const valueOf = test => { const s = series(test); return s.length ? sum(s, x => x.value) : null; };
  const byTag = (test, tag) => {
    const groups = new Map();
    for (const s of series(test)) {
      const key = s.tags[tag] ?? Object.values(s.tags).join(" ") ?? "";
      const g = groups.get(key) ?? { key, value: 0, rate: null, p50: null, p99: null };
      g.value += s.value;
      if (s.rate !== null) { g.rate = (g.rate ?? 0) + s.rate; }
      g.p50 = s.p50 ?? g.p50; g.p99 = s.p99 ?? g.p99;
      groups.set(key, g);
    }
    return [...groups.values()];
  };

  // A panel shows one instrument (or every instrument matching a pattern) split by a tag; missing means "no data yet".
  const panel = (title, test, tag, show, tagLabel) => {
    const groups = byTag(test, tag);
    let body;
    if (show === "mix") {
      const total = groups.reduce((a, g) => a + (g.rate ?? 0), 0) || groups.reduce((a, g) => a + g.value, 0);
      body = groups.length === 0 ? empty() : el("div", {}, ...groups.sort((a, b) => b.value - a.value)
        .map(g => bar(`${g.key || "(none)"} · ${num(g.rate ?? g.value)}${g.rate !== null ? "/s" : ""} · ${num(g.value)} total`, total ? ((g.rate ?? 0) || g.value) / total : 0)));
    } else if (show === "value") {
      body = table([tagLabel, "now"], groups.sort((a, b) => b.value - a.value).map(g => [g.key || "(all)", num(g.value)]));
    } else if (show === "latency") {
      body = table([tagLabel, "per s", "p50", "p99"], groups.map(g => [g.key || "(all)", num(g.rate), ms(g.p50), ms(g.p99)]));
    } else {
      body = table([tagLabel, "per s", "total"], groups.sort((a, b) => b.value - a.value).map(g => [g.key || "(all)", num(g.rate), num(g.value)]));
    }
    return el("div", { class: "card", "data-panel": title }, el("h3", {}, title), body);
  };

  // Any instrument matching a pattern, listed generically: for parts of the system whose metrics are still arriving.
  const genericPanel = (title, pattern) => {
    const rows = series(pattern).map(s => [s.instrument.name, Object.entries(s.tags).map(([k, v]) => `${k}=${v}`).join(", "),
      s.instrument.kind === "histogram" ? ms(s.p99) : num(s.value), s.rate === null ? "–" : perSec(s.rate)]);
    return el("div", { class: "card", "data-panel": title }, el("h3", {}, title), table(["instrument", "tags", "value / p99", "rate"], rows, 2));
  };

  // ---- sections ------------------------------------------------------------------------------------------------
  const renderRuntime = s => {
    const p = s.process;
    const silo = s.silos[0];
    fill("runtime-tiles",
      tile("Uptime", silo ? duration(silo.uptimeSeconds) : "–"),
      tile("Activations", num(s.silos.reduce((a, x) => a + x.activations, 0))),
      tile("Grain calls", perSec(sum(s.grainTypes.filter(t => t.callsPerSecond !== null), t => t.callsPerSecond))),
      tile("CPU", pct(p.cpuPercent)),
      tile("Working set", bytes(p.workingSetBytes)),
      tile("GC heap", bytes(p.gcHeapBytes)),
      tile("Allocations", p.allocatedBytesPerSecond === null ? "–" : bytes(p.allocatedBytesPerSecond) + "/s"),
      tile("GC gen0/1/2", [p.gen0Collections, p.gen1Collections, p.gen2Collections].map(v => num(v)).join(" / ")),
      tile("GC pause", pct(p.gcPausePercent)),
      tile("Thread pool", `${num(p.threadPoolThreads)} thr · ${num(p.threadPoolQueueLength)} q`));
    fill("silos", table(["silo", "status", "store", "activations", "uptime"],
      s.silos.map(x => [x.name, { text: x.status, bad: x.status !== "running" }, x.store ?? "–", num(x.activations), duration(x.uptimeSeconds)]), 3));
    fill("grain-types", table(["grain type", "activations", "calls/s", "p50", "p99", "failures/s", "calls", "failures"],
      s.grainTypes.map(t => [t.type, num(t.activations), num(t.callsPerSecond), ms(t.p50Ms), ms(t.p99Ms),
        { text: num(t.failuresPerSecond), bad: t.failuresPerSecond > 0 }, num(t.calls), { text: num(t.failures), bad: t.failures > 0 }])));
    fill("busiest", s.busiest.length === 0 ? empty("no grain calls in the last interval")
      : el("div", {}, ...s.busiest.map(b => bar(`${b.type} · ${b.method} · ${num(b.busyMsPerSecond)} ms/s`, b.share))));
    fill("methods", table(["grain type", "method", "calls/s", "p50", "p99", "calls", "failures"],
      s.methods.map(m => [m.type, m.method, num(m.callsPerSecond), ms(m.p50Ms), ms(m.p99Ms), num(m.calls), { text: num(m.failures), bad: m.failures > 0 }]), 2));
  };

  const renderMqtt = () => {
    fill("mqtt-tiles",
      tile("Connections", num(valueOf("visco.mqtt.connections"))),
      tile("Packets in", perSec(rateOf("visco.mqtt.packets.in"))),
      tile("Packets out", perSec(rateOf("visco.mqtt.packets.out"))),
      tile("Bytes in", rateOf("visco.mqtt.bytes.in") === null ? "–" : bytes(rateOf("visco.mqtt.bytes.in")) + "/s"),
      tile("Bytes out", rateOf("visco.mqtt.bytes.out") === null ? "–" : bytes(rateOf("visco.mqtt.bytes.out")) + "/s"),
      tile("Inflight", num(valueOf("visco.mqtt.inflight"))),
      tile("Queued", num(valueOf("visco.mqtt.queued"))));
    fill("mqtt-panels",
      panel("Connections by listener", "visco.mqtt.connections", "listener", "value", "listener"),
      panel("Connects by result", "visco.mqtt.connects", "result", "rate", "result"),
      panel("Disconnects by reason", "visco.mqtt.disconnects", "reason", "rate", "reason"),
      panel("Rejections by reason", "visco.mqtt.rejected", "reason", "rate", "reason"),
      panel("Packets in by type", "visco.mqtt.packets.in", "type", "rate", "type"),
      panel("Packets out by type", "visco.mqtt.packets.out", "type", "rate", "type"));
  };

  const renderDomain = () => {
    const versions = byTag("visco.results", "model_version").sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.value - a.value);
    const inference = series("visco.inference.duration");
    fill("domain-tiles",
      tile("Accepted", perSec(rateOf("visco.measurements.accepted"))),
      tile("Rejected", perSec(rateOf("visco.measurements.rejected"))),
      tile("Duplicates", perSec(rateOf("visco.measurements.duplicate"))),
      tile("Inference p99", ms(inference.length ? Math.max(...inference.map(x => x.p99 ?? 0)) : null)),
      tile("Active model", versions.length ? versions[0].key : "–"));
    fill("domain-panels",
      panel("Result class mix", "visco.results", "class", "mix", "class"),
      panel("Model version mix", "visco.results", "model_version", "mix", "version"),
      panel("Rejections by reason", "visco.measurements.rejected", "reason", "rate", "reason"),
      panel("Devices online per hospital", /^visco\..*devices?\..*online/, "hospital", "value", "hospital"),
      panel("Invalid-sample rate per device", /^visco\..*invalid/, "device", "value", "device"));
  };

  const renderStreams = () => {
    fill("streams-panels",
      panel("Deliveries by stream namespace", "visco.stream.deliveries", "namespace", "rate", "namespace"),
      panel("Lag per stream", "visco.stream.lag", "namespace", "value", "namespace"),
      panel("Storage latency", "visco.storage.duration", "operation", "latency", "operation"),
      genericPanel("Lake and archive", /^visco\.(lake|archive)\./));
  };

  const renderInstruments = () => {
    const rows = (latest?.instruments ?? []).flatMap(i => i.series.map(s => [i.meter, i.name,
      Object.entries(s.tags).map(([k, v]) => `${k}=${v}`).join(", "), i.kind,
      i.kind === "histogram" ? `${num(s.rate)}/s · p50 ${ms(s.p50)} · p99 ${ms(s.p99)}` : num(s.value), s.rate === null ? "–" : perSec(s.rate)]));
    fill("all-instruments", table(["meter", "instrument", "tags", "kind", "value", "rate"], rows, 4));
  };

  // ---- charts --------------------------------------------------------------------------------------------------
  const chartState = (id, title, unit) => {
    let c = charts.get(id);
    if (!c) { c = { id, title, unit, times: [], lines: new Map() }; charts.set(id, c); }
    return c;
  };

  const loadHistory = h => {
    charts.clear();
    for (const c of h.charts) {
      const state = chartState(c.id, c.title, c.unit);
      state.times = [...h.times];
      for (const line of c.lines) { state.lines.set(line.name, [...line.values]); }
    }
  };

  const appendPoint = s => {
    for (const c of charts.values()) {
      const last = c.times.length ? c.times[c.times.length - 1] : 0;
      if (s.time <= last) { continue; }
      const points = s.charts[c.id] ?? {};
      c.times.push(s.time);
      for (const [name, values] of c.lines) { values.push(points[name] ?? null); }
      for (const [name, value] of Object.entries(points)) {
        if (!c.lines.has(name)) { c.lines.set(name, [...new Array(c.times.length - 1).fill(null), value]); }
      }
      while (c.times.length && c.times[0] < s.time - windowMs) {
        c.times.shift();
        for (const values of c.lines.values()) { values.shift(); }
      }
    }
  };

  const svg = (tag, attrs) => {
    const node = document.createElementNS(svgNs, tag);
    for (const [k, v] of Object.entries(attrs)) { node.setAttribute(k, v); }
    return node;
  };

  const drawChart = figure => {
    const c = charts.get(figure.dataset.chart);
    if (!c) { return; }
    const width = Math.max(200, figure.clientWidth - 24), height = 150, left = 44, bottom = 16, top = 6;
    const caption = el("figcaption", {}, el("span", {}, c.title), el("span", { class: "unit" }, c.unit));
    const plot = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": c.title });
    const values = [...c.lines.values()].flat().filter(v => v !== null);
    const legend = el("div", { class: "legend" });
    if (values.length === 0 || c.times.length === 0) {
      figure.replaceChildren(caption, plot, legend);
      const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" });
      t.textContent = "no data yet";
      plot.append(t);
      figure.dataset.points = "0";
      return;
    }
    // The time axis spans the data held (at least a minute, at most the window), so a fresh page is readable at once.
    const now = c.times[c.times.length - 1];
    const span = Math.min(windowMs, Math.max(60000, now - c.times[0]));
    const start = now - span;
    const max = Math.max(...values) * 1.1 || 1;
    const x = t => left + (width - left - 4) * (t - start) / span;
    const ago = t => { const s = Math.round((now - t) / 1000); return s >= 60 ? `-${Math.round(s / 60)} min` : `-${s} s`; };
    const y = v => top + (height - top - bottom) * (1 - v / max);
    for (const f of [0, 0.5, 1]) {
      plot.append(svg("line", { x1: left, x2: width - 4, y1: y(max * f), y2: y(max * f), stroke: "#e3e8ee" }));
      const label = svg("text", { x: left - 4, y: y(max * f) + 3, "text-anchor": "end" });
      label.textContent = num(max * f, 2);
      plot.append(label);
    }
    for (const [text, t, anchor] of [[ago(start), start, "start"], [ago(start + span / 2), start + span / 2, "middle"], ["now", now, "end"]]) {
      const label = svg("text", { x: x(t), y: height - 3, "text-anchor": anchor });
      label.textContent = text;
      plot.append(label);
    }
    let i = 0;
    for (const [name, line] of c.lines) {
      const color = colors[i++ % colors.length];
      let d = "", pen = false;
      line.forEach((v, k) => {
        if (v === null) { pen = false; return; }
        d += `${pen ? "L" : "M"}${x(c.times[k]).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      });
      if (d) { plot.append(svg("path", { d, fill: "none", stroke: color, "stroke-width": 1.6 })); }
      const lastValue = [...line].reverse().find(v => v !== null);
      const swatch = el("i");
      swatch.style.background = color;
      legend.append(el("span", {}, swatch, `${name} ${num(lastValue ?? null)}`));
    }
    figure.dataset.points = String(values.length);
    figure.replaceChildren(caption, plot, legend);
  };

  const drawCharts = () => document.querySelectorAll("figure.chart").forEach(drawChart);

  // ---- wiring --------------------------------------------------------------------------------------------------
  const render = () => {
    if (!latest) { return; }
    renderRuntime(latest);
    renderMqtt();
    renderDomain();
    renderStreams();
    renderInstruments();
    drawCharts();
    document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots ?? 0) + 1);
  };

  const status = (state, text) => {
    const s = document.getElementById("status");
    s.dataset.state = state;
    s.textContent = text;
  };

  const connect = () => {
    const source = new EventSource(`${base}/api/live`);
    source.addEventListener("history", e => { loadHistory(JSON.parse(e.data)); });
    source.addEventListener("snapshot", e => {
      latest = JSON.parse(e.data);
      appendPoint(latest);
      render();
      status("live", "live · " + new Date(latest.time).toLocaleTimeString());
    });
    source.onerror = () => {
      status("error", source.readyState === EventSource.CLOSED ? "disconnected (access refused or server gone)" : "reconnecting…");
    };
  };

  window.addEventListener("resize", drawCharts);
  connect();
})();
