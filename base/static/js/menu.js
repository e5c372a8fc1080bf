/* The header's menu on small screens: a button folds the links away and opens them again. Without
   JavaScript the button stays hidden and the links show as a wrapping list. */
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  var button = nav && nav.querySelector(".menu-toggle");
  if (!button) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", String(open));
  }
  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }
  nav.classList.add("menu-ready");
  button.hidden = false;
  // A <button> already answers Enter and Space with a click.
  button.addEventListener("click", function () { setOpen(!isOpen()); });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      event.stopPropagation();
      setOpen(false);
      button.focus();
    }
  });
  // A click or a focus elsewhere on the page folds the menu away again.
  document.addEventListener("click", function (event) {
    if (isOpen() && !nav.contains(event.target)) setOpen(false);
  });
  document.addEventListener("focusin", function (event) {
    if (isOpen() && !nav.contains(event.target)) setOpen(false);
  });
})();
