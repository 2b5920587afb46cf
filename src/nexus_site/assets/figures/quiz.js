/*!
 * Medical AI Nexus — check-your-understanding quizzes of `/// quiz` blocks. Dependency-free, MIT.
 * Markup: nexus_site.site.blocks (choices in a list, each explanation in a <details>, which is
 * what readers without JavaScript get). Here the choices become radio buttons (one correct
 * answer) or checkboxes (several), answered in the page: nothing is stored or sent anywhere.
 */
(function () {
  "use strict";

  if (window.__nexusQuiz) return;
  window.__nexusQuiz = true;

  var count = 0;

  function el(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function setUp(quiz) {
    var labels = JSON.parse(quiz.getAttribute("data-labels"));
    var multiple = quiz.getAttribute("data-multiple") === "true";
    var id = "nexus-quiz-" + ++count;
    var question = quiz.querySelector(".nexus-quiz__question");
    question.id = id + "-q";
    var list = quiz.querySelector(".nexus-quiz__choices");
    // The choices as one named group (the list keeps its own semantics inside it).
    var group = el("div", {
      class: "nexus-quiz__group",
      role: multiple ? "group" : "radiogroup",
      "aria-labelledby": question.id,
    });
    list.parentNode.insertBefore(group, list);
    group.appendChild(list);
    var choices = Array.prototype.map.call(
      quiz.querySelectorAll(".nexus-quiz__choice"),
      function (item, i) {
        var text = item.querySelector(".nexus-quiz__text");
        var label = el("label", { class: "nexus-quiz__label" });
        var input = el("input", {
          type: multiple ? "checkbox" : "radio",
          name: id,
          id: id + "-" + i,
          value: String(i),
        });
        label.appendChild(input);
        item.insertBefore(label, text);
        label.appendChild(text);
        var why = item.querySelector(".nexus-quiz__why");
        return { item: item, input: input, why: why, correct: item.getAttribute("data-correct") === "true" };
      }
    );
    var bar = el("div", { class: "nexus-quiz__actions" }, null, quiz);
    var check = el("button", { type: "button", class: "md-button md-button--primary" }, labels.check, bar);
    var reveal = el("button", { type: "button", class: "md-button" }, labels.reveal, bar);
    var retry = el("button", { type: "button", class: "md-button", hidden: "" }, labels.retry, bar);
    var feedback = el("p", { class: "nexus-quiz__feedback", role: "status", "aria-live": "polite" }, "", quiz);

    function show(choice, mark) {
      choice.why.open = true;
      choice.item.classList.add("is-shown");
      if (mark) choice.item.classList.add(choice.correct ? "is-right" : "is-wrong");
    }

    function clear() {
      choices.forEach(function (c) {
        c.why.open = false;
        c.item.classList.remove("is-shown", "is-right", "is-wrong");
      });
      quiz.classList.remove("is-correct", "is-incorrect");
    }

    check.addEventListener("click", function () {
      clear();
      var chosen = choices.filter(function (c) {
        return c.input.checked;
      });
      if (!chosen.length) {
        feedback.textContent = labels.choose;
        return;
      }
      chosen.forEach(function (c) {
        show(c, true);
      });
      var wrong = chosen.some(function (c) {
        return !c.correct;
      });
      var missing = choices.some(function (c) {
        return c.correct && !c.input.checked;
      });
      if (!wrong && !missing) {
        choices.forEach(function (c) {
          show(c, c.correct);
        });
        quiz.classList.add("is-correct");
        feedback.textContent = labels.correct;
      } else {
        quiz.classList.add("is-incorrect");
        feedback.textContent = wrong ? labels.incorrect : labels.partial;
      }
      retry.hidden = false;
    });

    reveal.addEventListener("click", function () {
      clear();
      var right = [];
      choices.forEach(function (c, i) {
        show(c, c.correct);
        if (c.correct) right.push(String(i + 1));
      });
      feedback.textContent = labels.answer + " " + right.join(", ");
      retry.hidden = false;
    });

    retry.addEventListener("click", function () {
      clear();
      choices.forEach(function (c) {
        c.input.checked = false;
      });
      feedback.textContent = "";
      retry.hidden = true;
      choices[0].input.focus();
    });

    quiz.classList.add("nexus-quiz--live");
  }

  function start() {
    var quizzes = document.querySelectorAll(".nexus-quiz[data-nexus-quiz]:not([data-ready])");
    for (var i = 0; i < quizzes.length; i++) {
      quizzes[i].setAttribute("data-ready", "");
      try {
        setUp(quizzes[i]);
      } catch (error) {
        console.error(error); // the list with its explanations stays
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
