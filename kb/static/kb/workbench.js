/* The source workbench (templates/admin/kb/workbench.html).
 *
 * Picking a record lights its spans in the text and scrolls them into view;
 * j/k (or the arrow keys) move between records, a accepts, r rejects, e opens
 * the record's edit page in a new tab (the workbench stays where it was).
 * Selecting text shows the "add from a selection" links with the
 * selection's offsets in the stored Simplified text: every piece of the text
 * carries its offsets (data-s, data-e), so a selection made on the text as
 * written maps back to the same offsets.
 */
(function () {
  "use strict";
  var root = document.getElementById("workbench");
  if (!root) { return; }
  var text = document.getElementById("wb-text");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".wb-record"));
  var current = -1;

  function segmentsOf(key) {
    return Array.prototype.filter.call(text.querySelectorAll(".wb-seg[data-k]"), function (seg) {
      return seg.dataset.k.split(" ").indexOf(key) >= 0;
    });
  }

  function pick(index, scroll) {
    if (index < 0 || index >= rows.length) { return; }
    text.querySelectorAll(".wb-lit").forEach(function (seg) { seg.classList.remove("wb-lit"); });
    if (current >= 0) { rows[current].classList.remove("wb-current"); }
    current = index;
    var row = rows[index];
    row.classList.add("wb-current");
    var lit = segmentsOf(row.dataset.key);
    lit.forEach(function (seg) { seg.classList.add("wb-lit"); });
    if (scroll !== false) {
      row.scrollIntoView({block: "nearest"});
      if (lit.length) { lit[0].scrollIntoView({block: "center"}); }
    }
  }

  rows.forEach(function (row, index) {
    row.querySelector(".wb-pick").addEventListener("click", function (event) {
      event.preventDefault();
      pick(index);
    });
  });

  text.addEventListener("click", function (event) {
    var seg = event.target.closest(".wb-seg[data-k]");
    if (!seg || !window.getSelection().isCollapsed) { return; }
    var keys = seg.dataset.k.split(" ");
    var index = rows.findIndex(function (row) { return keys.indexOf(row.dataset.key) >= 0; });
    if (index >= 0) { pick(index); }
  });

  function submit(decision) {
    if (current < 0) { return; }
    var button = rows[current].querySelector(decision === "accept" ? ".wb-accept" : ".wb-reject");
    if (button) { button.form.requestSubmit(button); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) { return; }
    var key = event.key;
    if (key === "j" || key === "ArrowDown") { pick(Math.min(current + 1, rows.length - 1)); }
    else if (key === "k" || key === "ArrowUp") { pick(Math.max(current - 1, 0)); }
    else if (key === "a") { submit("accept"); }
    else if (key === "r") { submit("reject"); }
    else if (key === "e" && current >= 0) { window.open(rows[current].dataset.edit, "_blank", "noopener"); }
    else { return; }
    event.preventDefault();
  });

  /* Offsets in the stored text of a point of the selection.  A piece whose
     text as written is as long as its Simplified text maps one to one; one
     that is not (a phrase conversion changed its length) maps to its edges. */
  function offsetOf(node, offset, isEnd) {
    var seg = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest(".wb-seg");
    if (!seg) {
      if (node === text) {
        var child = text.childNodes[offset];
        if (child && child.dataset) { return +child.dataset.s; }
        var last = text.lastElementChild;
        return last ? +last.dataset.e : 0;
      }
      return null;
    }
    var s = +seg.dataset.s, e = +seg.dataset.e, length = seg.textContent.length;
    if (node === seg) { offset = offset > 0 ? length : 0; }
    if (length === e - s) { return s + offset; }
    if (offset <= 0) { return s; }
    if (offset >= length) { return e; }
    return isEnd ? e : s;
  }

  var panel = document.getElementById("wb-selection");
  var hint = document.getElementById("wb-hint");
  var base = root.dataset.addBase;

  function showSelection() {
    if (!panel) { return; }
    var selection = window.getSelection();
    if (selection.isCollapsed || !selection.rangeCount) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset, false);
    var end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) { return; }
    document.getElementById("wb-selection-span").textContent = start + "–" + end;
    document.getElementById("wb-selection-text").textContent = selection.toString();
    panel.querySelectorAll("a[data-what]").forEach(function (link) {
      link.href = base + link.dataset.what + "/?start=" + start + "&end=" + end;
    });
    panel.hidden = false;
    panel.dataset.start = start;
    panel.dataset.end = end;
    if (hint) { hint.hidden = true; }
  }

  text.addEventListener("mouseup", showSelection);
  text.addEventListener("keyup", showSelection);

  var focus = root.dataset.focus;
  var first = rows.findIndex(function (row) { return row.dataset.key === focus; });
  if (first < 0) { first = rows.findIndex(function (row) { return row.classList.contains("status-auto"); }); }
  if (first >= 0) { pick(first, Boolean(focus)); }
})();
