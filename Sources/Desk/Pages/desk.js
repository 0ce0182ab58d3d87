// Selecting words in the letter fills the redaction form. The form works
// without this: the words can be typed.
document.addEventListener("DOMContentLoaded", function () {
  var letter = document.getElementById("letter-text");
  var field = document.getElementById("redact-text");
  if (!letter || !field) return;
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!letter.contains(range.commonAncestorContainer)) return;
    var words = selection.toString().replace(/\[finding \d+, [^\]]*\] /g, "").replace(/\[redacted:\] /g, "");
    if (words.trim() === "") return;
    field.value = words;
  }
  letter.addEventListener("mouseup", take);
  letter.addEventListener("keyup", take);
});
