// Liaison page behaviour: no inline scripts (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  // Send the CSRF token with every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=csrf-token]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
  });
  // The language switcher submits on change.
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
  });
  // Ask before a destructive POST.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
  // Copy buttons (API token key, TOTP secret).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = button.getAttribute("data-copied") || "✓";
    }
  });
  // Mobile / tablet navigation toggle.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-nav-toggle]")) { document.body.classList.toggle("nav-open"); }
  });
})();
