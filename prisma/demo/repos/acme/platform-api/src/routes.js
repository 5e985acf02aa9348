// Request handling without sockets: the server adapter parses the request and writes the answer,
// so every route is testable as a plain function call.
export function handle({ method, path, body }, store) {
  if (method === "GET" && path === "/healthz") return { status: 200, body: { ok: true } };
  if (path === "/v1/projects") {
    if (method === "GET") return { status: 200, body: { data: store.list() } };
    if (method === "POST") {
      const result = store.create(body ?? {});
      if (result.error) return error(422, "validation_failed", result.error);
      return { status: 201, body: result.project };
    }
    return error(405, "method_not_allowed", `${method} is not allowed here`);
  }
  const match = /^\/v1\/projects\/([^/]+)$/.exec(path);
  if (match && method === "GET") {
    const project = store.get(match[1]);
    return project ? { status: 200, body: project } : error(404, "not_found", "project not found");
  }
  return error(404, "not_found", `no route for ${method} ${path}`);
}

function error(status, code, message) {
  return { status, body: { error: { code, message } } };
}
