/* Glossary definitions in the text (WCAG 2.2 SC 1.4.13, content on hover or focus).
 *
 * A term's definition opens on hover and on keyboard focus, and the pointer can move onto it: the style sheet does
 * that alone, so it works without JavaScript. This script adds the one thing CSS cannot: Escape hides the open
 * definitions without moving the pointer or the focus. A hidden definition opens again once neither the pointer
 * nor the focus is on its term.
 */
(function () {
  "use strict";

  var DISMISSED = "glossary-dismissed";

  function pointed(wrapper) {
    return wrapper.matches(":hover");
  }

  function focused(wrapper) {
    return wrapper.contains(document.activeElement);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll(".glossary").forEach(function (wrapper) {
      if (pointed(wrapper) || focused(wrapper)) {
        wrapper.classList.add(DISMISSED);
      }
    });
  });

  // mouseleave does not bubble: listened to while it goes down to the term (capture).
  document.addEventListener(
    "mouseleave",
    function (event) {
      var wrapper = event.target;
      if (wrapper.classList && wrapper.classList.contains(DISMISSED) && !focused(wrapper)) {
        wrapper.classList.remove(DISMISSED);
      }
    },
    true
  );

  document.addEventListener("focusout", function (event) {
    var wrapper = event.target.closest && event.target.closest("." + DISMISSED);
    if (wrapper && !wrapper.contains(event.relatedTarget) && !pointed(wrapper)) {
      wrapper.classList.remove(DISMISSED);
    }
  });
})();
