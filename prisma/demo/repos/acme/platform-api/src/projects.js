// Projects in memory: this service is the reference implementation the storage adapters are
// tested against, so the rules live here and not in a database schema.
const NAME = /^[a-z0-9][a-z0-9-]{2,63}$/;

export class ProjectStore {
  #projects = new Map();
  #nextId = 1;

  list() {
    return [...this.#projects.values()];
  }

  get(id) {
    return this.#projects.get(id) ?? null;
  }

  create({ name }) {
    if (typeof name !== "string" || !NAME.test(name)) {
      return { error: "name must be 3-64 lowercase letters, digits or dashes, starting with a letter or digit" };
    }
    if (this.list().some((p) => p.name === name)) return { error: `a project named ${name} exists` };
    const project = { id: `prj_${this.#nextId++}`, name, createdAt: new Date(0).toISOString() };
    this.#projects.set(project.id, project);
    return { project };
  }
}
