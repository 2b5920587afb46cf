/*
 * Glossary terms in lessons (site/terms.py): a click or tap on a term toggles its definition,
 * Escape closes it (and brings the focus back to the term), a click elsewhere closes every
 * open one. Without this script the definition shows on hover and on keyboard focus.
 * Event delegation on the document: works for any term in the page, however it got there.
 */
(() => {
  "use strict";
  const OPEN = "is-open";
  const CLOSED = "is-closed";

  const buttonOf = (term) => term.querySelector(".nx-term__button");

  // Wide screens: keep a definition near the right edge inside the window.
  const place = (term) => {
    const tip = term.querySelector(".nx-term__tip");
    if (!tip || getComputedStyle(tip).position !== "absolute") return;
    tip.style.left = "";
    const overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.left = `${-overflow}px`;
  };

  const setOpen = (term, open) => {
    term.classList.toggle(OPEN, open);
    term.classList.toggle(CLOSED, !open);
    const button = buttonOf(term);
    if (button) button.setAttribute("aria-expanded", String(open));
    if (open) place(term);
  };

  const init = () => {
    for (const button of document.querySelectorAll(".nx-term__button")) {
      button.setAttribute("aria-expanded", "false");
      if (button.dataset.nxTip) button.setAttribute("aria-controls", button.dataset.nxTip);
    }
  };

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target ? target.closest(".nx-term__button") : null;
    const inside = target ? target.closest(".nx-term") : null;
    for (const term of document.querySelectorAll(`.nx-term.${OPEN}`)) {
      if (term !== inside) setOpen(term, false);
    }
    if (button && button.parentElement) {
      setOpen(button.parentElement, !button.parentElement.classList.contains(OPEN));
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const term of document.querySelectorAll(".nx-term")) {
      if (term.matches(`:hover, :focus-within, .${OPEN}`)) {
        const hadFocus = term.contains(document.activeElement);
        setOpen(term, false);
        const button = buttonOf(term);
        if (hadFocus && button) button.focus();
      }
    }
  });

  // A term reached again (keyboard or pointer) shows its definition again.
  const reopen = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const term = target ? target.closest(".nx-term") : null;
    const from = event.relatedTarget instanceof Element ? event.relatedTarget.closest(".nx-term") : null;
    if (term && term !== from) {
      term.classList.remove(CLOSED);
      place(term);
    }
  };
  document.addEventListener("focusin", reopen);
  document.addEventListener("pointerover", reopen);
  document.addEventListener("focusout", (event) => {
    const target = event.target instanceof Element ? event.target.closest(".nx-term") : null;
    const to = event.relatedTarget instanceof Element ? event.relatedTarget.closest(".nx-term") : null;
    if (target && target !== to && target.classList.contains(OPEN)) setOpen(target, false);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
