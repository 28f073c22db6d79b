// "Reply" links under comments. Without this script each link reloads the page with
// ?reply_to=<id>, and the form names the comment being answered. With it, the form moves
// under that comment, takes its id, and the cursor goes to the comment box; "Cancel reply"
// puts the form back.
(function () {
  var form = document.getElementById("comment-form");
  if (!form) {
    return;
  }
  var home = document.createComment("comment form");
  form.parentNode.insertBefore(home, form);
  var parentField = form.querySelector("input[name=reply_to]");
  var target = form.querySelector(".reply-target");
  var targetLink = target.querySelector("a");

  function answer(link) {
    var id = link.getAttribute("data-reply-to");
    var comment = document.getElementById("comment-" + id);
    var author = document.getElementById("comment-" + id + "-author");
    if (!comment || !author) {
      return false;
    }
    parentField.value = id;
    targetLink.href = "#comment-" + id;
    targetLink.textContent = author.textContent.trim();
    target.hidden = false;
    link.parentNode.insertAdjacentElement("afterend", form);
    firstEmptyField().focus();
    return true;
  }

  // The first of name, email and comment still to fill in: a returning reader's browser
  // may have filled the first two.
  function firstEmptyField() {
    var fields = form.querySelectorAll("input[name=name], input[name=email], textarea");
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) {
        return fields[i];
      }
    }
    return fields[fields.length - 1];
  }

  function cancel() {
    parentField.value = "";
    target.hidden = true;
    home.parentNode.insertBefore(form, home.nextSibling);
    form.querySelector("textarea").focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    if (link && answer(link)) {
      event.preventDefault();
    } else if (event.target.closest(".reply-cancel")) {
      event.preventDefault();
      cancel();
    }
  });
})();

// "Save my name, email and website": kept in this browser's localStorage only. The box has
// no name, so the server never sees it, and no cookie is set: the page stays shared.
(function () {
  var form = document.getElementById("comment-form");
  var box = form && form.querySelector(".remember");
  if (!box) {
    return;
  }
  var KEY = "newsroom.commenter";
  var names = ["name", "email", "website"];
  var tick = box.querySelector("input");
  var forget = box.querySelector(".remember-forget");
  var store;
  try {
    store = window.localStorage;
    store.getItem(KEY);
  } catch (error) {
    return; // storage blocked: the box stays hidden
  }
  box.hidden = false;
  var saved = null;
  try {
    saved = JSON.parse(store.getItem(KEY) || "null");
  } catch (error) {
    store.removeItem(KEY);
  }
  if (saved) {
    names.forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value && typeof saved[name] === "string") {
        field.value = saved[name];
      }
    });
    tick.checked = true;
    forget.hidden = false;
  }
  form.addEventListener("submit", function () {
    if (tick.checked) {
      var details = {};
      names.forEach(function (name) {
        details[name] = form.elements[name] ? form.elements[name].value : "";
      });
      store.setItem(KEY, JSON.stringify(details));
    } else {
      store.removeItem(KEY);
    }
  });
  forget.addEventListener("click", function () {
    store.removeItem(KEY);
    names.forEach(function (name) {
      if (form.elements[name]) {
        form.elements[name].value = "";
      }
    });
    tick.checked = false;
    forget.hidden = true;
    form.elements.name.focus();
  });
})();
