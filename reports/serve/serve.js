// kensa serve: saves the answers of a screen as soon as one changes (the same form POST the 次へ button makes,
// without leaving the page), so closing the tab loses nothing. Everything works without it.
(function () {
  "use strict";
  document.querySelectorAll("button[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById("save-status");
  var timer = null;
  var pending = Promise.resolve();
  function show(text, failed) {
    if (!status) return;
    status.textContent = text;
    status.className = "save-status" + (failed ? " failed" : "");
  }
  function save() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      // On a list screen only the list answer is saved as it changes; adding and removing are buttons.
      if (form.getAttribute("data-autosave") === "list" && name !== "list" && name !== "csrf") return;
      data.append(name, value);
    });
    data.set("action", "stay");
    pending = pending.then(function () {
      return fetch(form.action, {
        method: "POST", credentials: "same-origin", body: data,
        headers: { "X-Kensa-Autosave": "1", "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (r) { return r.json(); }).then(function (result) {
        form.querySelectorAll(".autosave-error").forEach(function (e) { e.remove(); });
        if (result.saved) {
          show("保存しました(" + new Date().toLocaleTimeString("ja-JP") + ")", false);
          if (result.reload) window.location.reload();
        } else {
          show("保存できませんでした。赤字の説明に沿って直してください。", true);
          Object.keys(result.errors || {}).forEach(function (name) {
            var field = form.querySelector("[name=\"" + CSS.escape(name) + "\"]");
            var box = field ? field.closest("fieldset") : null;
            if (!box) return;
            var p = document.createElement("p");
            p.className = "field-error autosave-error";
            p.textContent = result.errors[name];
            box.appendChild(p);
          });
        }
      }).catch(function () { show("保存できませんでした(kensa serve が止まっていませんか)。", true); });
    });
  }
  form.addEventListener("change", function () { clearTimeout(timer); save(); });
  form.addEventListener("input", function (e) {
    if (e.target.type === "radio") return;
    clearTimeout(timer);
    timer = setTimeout(save, 900);
  });
})();
