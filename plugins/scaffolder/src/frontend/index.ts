// The wizard, template gallery and task pages are not built yet (see
// docs/scaffolder.md). There is deliberately no frontend plugin here: a
// half-built page must not appear in the app.
export {};
