// "Reply" links under comments: choose that comment in the form's "In reply to" list and
// put the cursor in the comment box. Without this script the list works by hand.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-reply-to]");
  var select = document.getElementById("cf-reply_to");
  var text = document.getElementById("cf-text");
  if (!link || !select || !text) {
    return;
  }
  select.value = link.getAttribute("data-reply-to");
  text.focus();
});
