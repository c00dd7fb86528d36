// Swagger UI for /api/docs/ (a static file: the CSP allows no inline script). No validator badge:
// it would load an image from another host.
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
