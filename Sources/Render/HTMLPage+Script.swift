extension HTMLPage {
    /// The page's behaviour: builds the step list and the fold state from the embedded rows,
    /// draws only the rows in view, and moves the current step with buttons and keys.
    static let script = #"""
    "use strict";
    const $ = (id) => document.getElementById(id);
    const rows = JSON.parse($("rows").textContent);
    const meta = JSON.parse($("meta").textContent);
    const explanations = JSON.parse($("explanations").textContent);
    const ROW = 22, OVERSCAN = 40, GUTTER = 96;

    // Steps are the hop events (request, response, lifecycle); syscalls hang under a request.
    const steps = [], stepOfRow = new Int32Array(rows.length).fill(-1), children = new Map();
    rows.forEach((row, index) => {
      if (row[0] === "s") {
        if (row[1] >= 0) { let list = children.get(row[1]); if (!list) children.set(row[1], list = []); list.push(index); }
      } else { stepOfRow[index] = steps.length; steps.push(index); }
    });
    const requestOf = (rowIndex) => { const row = rows[rowIndex]; return row[0] === "r" && row[10] >= 0 ? row[10] : rowIndex; };
    const column = new Map(meta.order.map((name, index) => [name, index]));
    const slotOf = (id) => { const name = meta.participants[id]; return column.has(name) ? column.get(name) : 0; };

    let current = 0, unfolded = new Set(), allUnfolded = false, matches = [], matchAt = -1, matchSet = new Set();
    let lines = new Int32Array(0), lineOfRow = new Int32Array(rows.length).fill(-1), xs = [];
    const scroller = $("scroller"), canvas = $("canvas");

    function isUnfolded(rowIndex) { return allUnfolded ? !unfolded.has(rowIndex) : unfolded.has(rowIndex); }

    // The rows drawn, in order: every hop event, and the syscalls of unfolded hops after them.
    function relayout() {
      const out = [];
      lineOfRow.fill(-1);
      for (const rowIndex of steps) {
        lineOfRow[rowIndex] = out.length; out.push(rowIndex);
        if (rows[rowIndex][0] === "q" && isUnfolded(rowIndex)) for (const child of children.get(rowIndex) || []) { lineOfRow[child] = out.length; out.push(child); }
      }
      lines = Int32Array.from(out);
      canvas.style.height = (lines.length * ROW + ROW) + "px";
      draw();
    }

    function measure() {
      const width = scroller.clientWidth, count = Math.max(meta.order.length, 1), slot = (width - GUTTER) / count;
      xs = meta.order.map((_, index) => Math.round(GUTTER + slot * index + slot / 2));
      const names = $("names"); names.replaceChildren();
      meta.order.forEach((name, index) => {
        const span = document.createElement("span"); span.textContent = name; span.style.left = xs[index] + "px";
        span.style.color = "var(--c" + (index % 8) + ")"; names.append(span);
      });
      draw();
    }

    const time = (micros) => "+" + (micros / 1000).toFixed(3) + " ms";
    const failed = (status) => /^[45]\d\d/.test(status) || (/^exit /.test(status) && status !== "exit 0") ||
      /^(signal|killed)/.test(status) || /^E[A-Z0-9]+$/.test(status) ||
      ["NotFound", "AlreadyExists", "FailedPrecondition", "InvalidArgument", "Unavailable", "Unknown", "Internal", "Canceled", "DeadlineExceeded"].includes(status);

    function element(tag, className, text) {
      const node = document.createElement(tag); if (className) node.className = className;
      if (text !== undefined) node.textContent = text; return node;
    }

    function drawRow(line) {
      const rowIndex = lines[line], row = rows[rowIndex], div = element("div", "row");
      div.style.top = (line * ROW) + "px";
      div.dataset.row = rowIndex;
      if (row[0] === "s") {
        div.dataset.syscall = rowIndex;
        // Right of the caller's lifeline, or, when that leaves too little room (runc stands far
        // right), further left and naming the caller, as the terminal diagram does.
        const x = xs[slotOf(row[2])] || GUTTER, room = scroller.clientWidth - x - 10, narrow = room < 320;
        const text = element("span", "sys" + (row[4] ? " failed" : ""), (narrow ? meta.participants[row[2]] + " " : "") + "▸ " + row[3]);
        text.style.left = (narrow ? Math.max(GUTTER + 24, scroller.clientWidth - 420) : x + 6) + "px"; text.style.right = "4px"; div.append(text);
      } else {
        const step = stepOfRow[rowIndex];
        div.dataset.hop = step;
        if (step === current) div.classList.add("current");
        if (matchSet.has(rowIndex)) div.classList.add("match");
        div.append(element("span", "time", time(row[5])));
        const kids = row[0] === "q" ? (children.get(rowIndex) || []).length : 0;
        if (kids) div.append(element("span", "toggle", (isUnfolded(rowIndex) ? "▾ " : "▸ ") + kids));
        const from = slotOf(row[1]), to = slotOf(row[2]), colour = "var(--c" + (from % 8) + ")";
        if (row[0] === "l") {
          const note = element("span", "note", "◆ " + row[3]);
          if (to > meta.order.length / 2) note.style.right = (scroller.clientWidth - xs[to] + 4) + "px"; else note.style.left = (xs[to] + 4) + "px";
          div.append(note);
        } else if (from === to) {
          const note = element("span", "label", "↻ " + row[3]); note.style.left = (xs[from] + 6) + "px"; note.style.color = colour; div.append(note);
        } else {
          const left = Math.min(xs[from], xs[to]), right = Math.max(xs[from], xs[to]), response = row[0] === "r";
          const arrow = element("div", "arrow " + (response ? "response " : "") + (xs[to] > xs[from] ? "right" : "left"));
          arrow.style.left = left + "px"; arrow.style.width = (right - left) + "px";
          const label = element("span", "label" + (response ? " response" : ""), response ? row[4] + (row[6] !== null ? " · " + (row[6] / 1000).toFixed(3) + " ms" : "") : row[3]);
          // A label longer than its arrow runs on over the lifelines to its right, as in the terminal.
          label.style.left = (left + 6) + "px"; label.style.maxWidth = Math.max(scroller.clientWidth - left - 12, 40) + "px";
          if (response && failed(row[4])) { label.classList.add("failed"); arrow.classList.add("failed"); }
          if (!response) { arrow.style.color = colour; label.style.color = colour; }
          label.title = row[9];
          div.append(arrow, label);
        }
      }
      return div;
    }

    let drawn = "";
    function draw(force) {
      const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - OVERSCAN);
      const last = Math.min(lines.length, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW) + OVERSCAN);
      const key = first + ":" + last + ":" + lines.length + ":" + current + ":" + xs.join(",");
      if (key === drawn && !force) return;
      drawn = key;
      const fragment = document.createDocumentFragment();
      meta.order.forEach((_, index) => { const lifeline = element("div", "lifeline"); lifeline.style.left = xs[index] + "px"; fragment.append(lifeline); });
      for (let line = first; line < last; line++) fragment.append(drawRow(line));
      canvas.replaceChildren(fragment);
    }

    function show() {
      if (!steps.length) { $("who").textContent = "The trace has no hops."; return; }
      const rowIndex = steps[current], row = rows[rowIndex];
      const kind = { q: "request", r: "response", l: "lifecycle" }[row[0]];
      const from = meta.participants[row[1]], to = meta.participants[row[2]];
      $("position").textContent = (current + 1) + " / " + steps.length;
      $("who").textContent = (current + 1) + " · " + kind + " · " + (from === to ? from : from + " → " + to) + (row[11] ? " · " + row[11] : "");
      $("message").textContent = row[8];
      const hop = requestOf(rowIndex), kids = children.get(hop) || [], list = $("hop-syscalls");
      list.replaceChildren(element("div", "", kids.length ? kids.length + " syscall" + (kids.length === 1 ? "" : "s") + " under this hop" + (isUnfolded(hop) ? "" : " (s to unfold)") : "no syscalls under this hop"));
      if (kids.length && isUnfolded(hop)) {
        const ol = element("ol");
        for (const child of kids.slice(0, 500)) ol.append(element("li", rows[child][4] ? "failed" : "", meta.participants[rows[child][2]] + " ▸ " + rows[child][3]));
        list.append(ol);
      }
      $("fold").setAttribute("aria-pressed", String(isUnfolded(hop)));
      const why = $("why"), entry = explanations[row[7]];
      why.querySelector("h3").textContent = entry ? "Why: " + entry[0] : "";
      why.querySelector("p").textContent = entry ? entry[1] : "No explanation for this kind of hop.";
      why.querySelector("cite").textContent = entry ? "Upstream: " + entry[2] : "";
      const line = lineOfRow[rowIndex], top = line * ROW;
      if (top < scroller.scrollTop || top + ROW > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
      draw(true);
    }

    // The step is kept in the address (#12, or #12s with its syscalls unfolded) so a link opens at it.
    function go(step) {
      current = Math.max(0, Math.min(steps.length - 1, step)); show();
      try { history.replaceState(null, "", "#" + (current + 1) + (steps.length && isUnfolded(requestOf(steps[current])) ? "s" : "")); } catch (error) { /* a sandboxed frame */ }
    }
    function fold(rowIndex) {
      const hop = requestOf(rowIndex);
      if (unfolded.has(hop)) unfolded.delete(hop); else unfolded.add(hop);
      relayout(); show();
    }

    function search(text) {
      const query = text.trim().toLowerCase();
      matches = []; matchAt = -1; matchSet = new Set();
      if (query) {
        rows.forEach((row, index) => {
          const hit = row[0] === "s" ? row[3].toLowerCase().includes(query)
            : (row[9] + " " + row[4] + " " + meta.participants[row[1]] + " " + meta.participants[row[2]]).toLowerCase().includes(query);
          if (!hit) return;
          const target = row[0] === "s" ? row[1] : index;
          if (target >= 0 && !matchSet.has(target)) { matchSet.add(target); matches.push(target); }
          if (row[0] === "s" && row[1] >= 0 && !isUnfolded(row[1])) unfolded.add(row[1]);
        });
      }
      $("matches").textContent = query ? matches.length + " match" + (matches.length === 1 ? "" : "es") : "";
      relayout();
    }
    function nextMatch(direction) {
      if (!matches.length) return;
      matchAt = (matchAt + direction + matches.length) % matches.length;
      $("matches").textContent = (matchAt + 1) + " of " + matches.length;
      go(stepOfRow[matches[matchAt]]);
    }

    $("first").onclick = () => go(0);
    $("back").onclick = () => go(current - 1);
    $("next").onclick = () => go(current + 1);
    $("last").onclick = () => go(steps.length - 1);
    $("fold").onclick = () => steps.length && fold(steps[current]);
    $("unfold-all").onclick = () => { allUnfolded = !allUnfolded; unfolded.clear(); $("unfold-all").setAttribute("aria-pressed", String(allUnfolded)); relayout(); show(); };
    canvas.addEventListener("click", (event) => {
      const target = event.target.closest(".row"); if (!target) return;
      if (target.dataset.hop !== undefined) {
        const step = Number(target.dataset.hop);
        if (event.target.classList.contains("toggle")) fold(steps[step]); else go(step);
      } else go(stepOfRow[requestOf(rows[Number(target.dataset.syscall)][1])]);
    });
    let pending = 0;
    $("search").addEventListener("input", (event) => { clearTimeout(pending); pending = setTimeout(() => search(event.target.value), 120); });
    $("search").addEventListener("keydown", (event) => {
      if (event.key === "Enter") { clearTimeout(pending); if (matchAt < 0 && !matches.length) search(event.target.value); nextMatch(event.shiftKey ? -1 : 1); event.preventDefault(); }
      if (event.key === "Escape") event.target.blur();
    });
    document.addEventListener("keydown", (event) => {
      if (event.target === $("search") || event.ctrlKey || event.metaKey || event.altKey) return;
      const actions = { " ": () => go(current + 1), Enter: () => go(current + 1), n: () => go(current + 1), ArrowRight: () => go(current + 1),
        b: () => go(current - 1), ArrowLeft: () => go(current - 1), s: () => steps.length && fold(steps[current]),
        g: () => go(0), G: () => go(steps.length - 1), "/": () => $("search").focus() };
      const action = actions[event.key];
      if (action) { action(); event.preventDefault(); }
    });
    scroller.addEventListener("scroll", () => requestAnimationFrame(() => draw()));
    window.addEventListener("resize", measure);
    document.body.dataset.steps = steps.length;
    document.body.dataset.events = rows.length;
    measure(); relayout();
    const linked = /^#(\d+)(s?)$/.exec(location.hash);
    if (linked && steps.length) {
      current = Math.max(0, Math.min(steps.length - 1, Number(linked[1]) - 1));
      if (linked[2]) unfolded.add(requestOf(steps[current]));
      relayout();
    }
    show();
    document.body.dataset.ready = "1";
    """#
}
