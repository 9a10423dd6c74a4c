extension HTMLPage {
    /// The document's start: the page's structure and its style sheet (system fonts only).
    static func head(title: String) -> String {
        let title = htmlEscaped(title)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <title>\(title)</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <header>
          <h1>\(title)</h1>
          <nav class="controls" aria-label="steps">
            <button id="first" title="first step (g)">«</button>
            <button id="back" title="previous step (b, ←)">◀</button>
            <span id="position" aria-live="polite"></span>
            <button id="next" title="next step (space, n, →)">▶</button>
            <button id="last" title="last step (G)">»</button>
            <button id="fold" title="show or hide the syscalls under this hop (s)">syscalls</button>
            <button id="unfold-all" title="show or hide every hop's syscalls">all syscalls</button>
            <input id="search" type="search" placeholder="search ops, statuses, syscalls (/)" autocomplete="off">
            <span id="matches"></span>
          </nav>
        </header>
        <main>
          <section id="diagram">
            <div id="names"></div>
            <div id="scroller" tabindex="-1"><div id="canvas"></div></div>
          </section>
          <aside id="panel">
            <h2 id="who"></h2>
            <pre id="message"></pre>
            <div id="hop-syscalls"></div>
            <div id="why"><h3></h3><p></p><cite></cite></div>
          </aside>
        </main>

        """
    }

    static let style = """
    :root { --bg: #fbfbfa; --fg: #1d1f21; --dim: #7a7f85; --line: #d5d8dc; --panel: #f1f2f3;
      --current: #fff3c4; --match: #dcecff; --fail: #c0392b; --ok: #1e8449; --note: #8e44ad;
      --c0: #1f77b4; --c1: #d35400; --c2: #2e86c1; --c3: #7d3c98; --c4: #117a65; --c5: #b7950b; --c6: #a93226; --c7: #5d6d7e;
      font-family: ui-monospace, "SF Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
    @media (prefers-color-scheme: dark) { :root { --bg: #1b1d1f; --fg: #e3e5e8; --dim: #8b9096; --line: #3a3e43;
      --panel: #24272a; --current: #4a4220; --match: #1f3550; } }
    * { box-sizing: border-box; }
    html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg); }
    body { display: flex; flex-direction: column; }
    header { display: flex; align-items: center; gap: 16px; padding: 6px 12px; border-bottom: 1px solid var(--line); }
    h1 { font-size: 14px; margin: 0; white-space: nowrap; }
    .controls { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
    button { font: inherit; background: var(--panel); color: var(--fg); border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; cursor: pointer; }
    button[aria-pressed="true"] { background: var(--match); }
    #position { min-width: 8em; text-align: center; }
    #search { font: inherit; width: 22em; padding: 2px 6px; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px; }
    #matches { color: var(--dim); }
    main { flex: 1; display: flex; min-height: 0; }
    #diagram { flex: 1 1 62%; display: flex; flex-direction: column; min-width: 0; border-right: 1px solid var(--line); }
    #names { position: relative; height: 24px; border-bottom: 1px solid var(--line); flex: none; }
    #names span { position: absolute; top: 4px; transform: translateX(-50%); font-weight: bold; white-space: nowrap; }
    #scroller { flex: 1; overflow-y: auto; overflow-x: hidden; position: relative; outline: none; }
    #canvas { position: relative; }
    .lifeline { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px solid var(--line); }
    .row { position: absolute; left: 0; right: 0; height: 22px; cursor: pointer; }
    .row:hover { background: color-mix(in srgb, var(--match) 45%, transparent); }
    .row.match { background: var(--match); }
    .row.current { background: var(--current); }
    .time { position: absolute; left: 4px; top: 4px; color: var(--dim); font-size: 11px; }
    .toggle { position: absolute; left: 74px; top: 3px; color: var(--dim); font-size: 11px; }
    .arrow { position: absolute; top: 15px; height: 0; border-top: 2px solid currentColor; }
    .arrow.response { border-top-style: dashed; border-top-width: 1px; }
    .arrow::after { content: ""; position: absolute; top: -6px; border: 5px solid transparent; }
    .arrow.right::after { right: -2px; border-left: 8px solid currentColor; border-right: 0; }
    .arrow.left::after { left: -2px; border-right: 8px solid currentColor; border-left: 0; }
    .label { position: absolute; top: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 12px;
      text-shadow: 0 0 3px var(--bg), 0 0 3px var(--bg); }
    .response .label, .label.response { color: var(--ok); }
    .failed { color: var(--fail) !important; }
    .note { position: absolute; top: 2px; padding: 0 6px; border: 1px solid var(--note); color: var(--note); border-radius: 3px; white-space: nowrap; font-size: 12px; background: var(--bg); }
    .sys { position: absolute; top: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--dim); font-size: 11.5px; }
    #panel { flex: 1 1 38%; min-width: 0; overflow-y: auto; padding: 10px 14px; background: var(--panel); }
    #who { font-size: 13px; margin: 0 0 8px; }
    #message { white-space: pre-wrap; word-break: break-word; margin: 0 0 10px; padding: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; max-height: 45vh; overflow: auto; }
    #hop-syscalls { color: var(--dim); margin-bottom: 10px; }
    #hop-syscalls ol { margin: 4px 0; padding-left: 3.5em; max-height: 30vh; overflow: auto; }
    #why h3 { font-size: 13px; margin: 0 0 4px; }
    #why p { font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.45; margin: 0 0 6px; }
    #why cite { color: var(--dim); font-style: normal; font-size: 12px; }
    """
}
