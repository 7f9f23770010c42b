/* Liaison — starts Swagger UI on the API documentation page (templates/drf_spectacular/swagger_ui.html), reading
   its settings from the page's data attributes: a static file, so the page needs no inline script under the
   Content Security Policy. Writes sent from the page carry the session's CSRF token. */
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  const data = root.dataset;
  const settings = JSON.parse(data.settings || "{}");
  const requestInterceptor = (request) => {
    if (!["GET", "HEAD", undefined].includes(request.method) && request.credentials === "same-origin") {
      request.headers[data.csrfHeader] = data.csrfToken;
    }
    return request;
  };
  window.ui = SwaggerUIBundle({
    url: data.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor,
    ...settings,
  });
})();
