"use client";

import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { documentNonce } from "../security/document-nonce";
import type { Problem } from "./types";

/** What the editor marks: a problem at its line and column (a policy's, a campaign spec's). */
type Marked = Pick<Problem, "line" | "column" | "path" | "message">;

export type YamlEditorHandle = { jumpTo: (line: number, column?: number) => void };

const theme = EditorView.theme({
  "&": { fontSize: "12.5px", height: "100%", backgroundColor: "transparent" },
  "&.cm-focused": { outline: "2px solid #4f46e5", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f8fafc", color: "#475569", borderRight: "1px solid #e2e8f0" },
});

function diagnosticsOf(state: EditorState, problems: Marked[]): Diagnostic[] {
  const doc = state.doc;
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
    return { from, to: line.to > from ? line.to : from, severity: "error", message: p.path ? `${p.path}: ${p.message}` : p.message };
  });
}

/**
 * One YAML document in CodeMirror 6. The text is owned here (typing never re-renders React);
 * `onChange` reports it. Problems arrive from the preview and show as lint diagnostics at their line.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, {
  id: string; label: string; initial: string; readOnly: boolean; problems: Marked[]; onChange: (text: string) => void;
}>(function YamlEditor({ id, label, initial, readOnly, problems, onChange }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          basicSetup, yaml(), lintGutter(), theme, EditorView.lineWrapping,
          // CodeMirror writes its styles into a <style> element, which the page's CSP admits by nonce.
          EditorView.cspNonce.of(documentNonce() ?? ""),
          editable.current.of(readOnlyExtensions(readOnly, label)),
          EditorView.updateListener.of((u) => { if (u.docChanged) changed.current(u.state.doc.toString()); }),
        ],
      }),
    });
    view.current = v;
    return () => { v.destroy(); view.current = null; };
    // The editor is created once; `initial` seeds it and later text lives in the view.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(readOnlyExtensions(readOnly, label)) });
  }, [readOnly, label]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnosticsOf(v.state, problems)));
  }, [problems]);

  useImperativeHandle(ref, () => ({
    jumpTo(line, column = 1) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(line, 1), v.state.doc.lines));
      v.dispatch({ selection: { anchor: Math.min(l.from + column - 1, l.to) }, scrollIntoView: true });
      v.focus();
    },
  }), []);

  return <div id={id} ref={host} data-testid={id} className={`h-[26rem] overflow-hidden rounded-md border border-slate-300 ${readOnly ? "bg-slate-50" : "bg-white"}`} />;
});

function readOnlyExtensions(readOnly: boolean, label: string) {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    // Reachable by keyboard either way (a read-only editor too, so its text can be scrolled and
    // selected); an explicit tabindex also tells checkers the scrolling region holds a focus stop.
    EditorView.contentAttributes.of({
      "aria-label": label, "aria-multiline": "true", role: "textbox", tabindex: "0",
      ...(readOnly ? { "aria-readonly": "true" } : {}),
    }),
  ];
}
