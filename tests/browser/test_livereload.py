"""The preview of `invoke livereload` in a browser: an open page reloads when a build names
its own output file, and only then."""

from __future__ import annotations

import threading


def test_an_open_page_reloads_only_when_a_build_names_its_file(tmp_path, browser):
    from kfq_quick.watch import Reloads, preview_server

    output = tmp_path / "output"
    page_file = output / "articles/2023/01/a/index.html"
    page_file.parent.mkdir(parents=True)
    page_file.write_text("<html><body><p id='v'>第一版</p></body></html>", encoding="utf-8")
    reloads = Reloads()
    server = preview_server(output, "127.0.0.1", 0, reloads)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.goto(f"http://127.0.0.1:{server.server_address[1]}/articles/2023/01/a/")
        assert pg.text_content("#v") == "第一版"
        page_file.write_text("<html><body><p id='v'>第二版</p></body></html>", encoding="utf-8")
        # Another page written (the full pass's listings): this page stays as it is.
        reloads.announce(["index.html", "zones/index.html"])
        pg.wait_for_timeout(1500)
        assert pg.text_content("#v") == "第一版"
        # Its own file written (the saved page first): it reloads.
        reloads.announce(["articles/2023/01/a/index.html"])
        pg.wait_for_function("document.getElementById('v').textContent === '第二版'", timeout=15000)
    finally:
        context.close()
        reloads.close()
        server.shutdown()
