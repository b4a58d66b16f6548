// kensa serve: saves the answers of a screen as soon as one changes (the same form POST the 次へ button makes,
// without leaving the page), so closing the tab loses nothing. Everything works without it.
(function () {
  "use strict";
  document.querySelectorAll("button[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  // The section list folds away on a phone-width screen, and opens again on a wider one.
  var menu = document.querySelector("nav.sections details.menu");
  if (menu && window.matchMedia) {
    var phone = window.matchMedia("(max-width: 600px)");
    var fit = function () { menu.open = !phone.matches; };
    fit();
    phone.addEventListener("change", fit);
  }
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById("save-status");
  var timer = null;
  var inFlight = 0;
  var chain = Promise.resolve();
  // data-saving on <html>: "1" while an answer waits to be saved or is being saved, "0" when all are saved.
  function mark() {
    document.documentElement.setAttribute("data-saving", inFlight > 0 || timer !== null ? "1" : "0");
  }
  function show(text, failed) {
    if (!status) return;
    status.textContent = text;
    status.className = "save-status" + (failed ? " failed" : "");
  }
  function showErrors(errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.querySelector("[name=\"" + CSS.escape(name) + "\"]");
      var box = field ? field.closest("fieldset") : null;
      if (!box) return;
      var p = document.createElement("p");
      p.className = "field-error autosave-error";
      p.setAttribute("role", "alert");
      p.textContent = errors[name];
      box.appendChild(p);
      box.classList.add("has-error", "autosave-error-box");
      if (!first) first = box;
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  function save() {
    timer = null;
    inFlight++;
    mark();
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      // On a list screen only the list answer is saved as it changes; adding and removing are buttons.
      if (form.getAttribute("data-autosave") === "list" && name !== "list" && name !== "csrf" && name !== "version") return;
      data.append(name, value);
    });
    data.set("action", "stay");
    chain = chain.then(function () {
      // The version the file had after the previous save of this page (not when this answer changed).
      var version = form.querySelector("input[name=version]");
      if (version) data.set("version", version.value);
      // (form.action would be the button named "action": the form's own attribute is read instead.)
      return fetch(form.getAttribute("action"), {
        method: "POST", credentials: "same-origin", body: data,
        headers: { "X-Kensa-Autosave": "1", "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (r) { return r.json(); }).then(function (result) {
        form.querySelectorAll(".autosave-error").forEach(function (e) { e.remove(); });
        form.querySelectorAll(".autosave-error-box").forEach(function (e) { e.classList.remove("has-error", "autosave-error-box"); });
        if (result.saved && result.version && version) version.value = result.version;
        if (result.saved && result.reload) {
          show("保存しました。質問を更新しています…", false);
          window.location.reload(); // the answer changed which questions are asked on this screen
          return;
        }
        if (result.conflict) {
          // Saved elsewhere since this page opened: nothing was saved; show the current answers and why.
          show(result.message, true);
          window.location.replace(window.location.pathname + "?conflict=1");
          return;
        }
        if (result.saved) {
          show("保存しました(" + new Date().toLocaleTimeString("ja-JP") + ")", false);
        } else {
          show("保存できませんでした。赤字の説明に沿って直してください。", true);
          showErrors(result.errors);
        }
        inFlight--;
        mark();
      }).catch(function (err) {
        if (window.console) console.error(err);
        show("保存できませんでした(kensa serve が止まっていませんか)。", true);
        inFlight--;
        mark();
      });
    });
  }
  form.addEventListener("change", function () {
    clearTimeout(timer);
    save();
  });
  form.addEventListener("input", function (e) {
    if (e.target.type === "radio") return;
    clearTimeout(timer);
    timer = setTimeout(save, 900);
    mark();
  });
})();
