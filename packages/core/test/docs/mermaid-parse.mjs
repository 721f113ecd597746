// Parses Mermaid diagrams with Mermaid's own parser (the npm `mermaid` package, the one GitHub's
// renderer is built on), in Node: reads a JSON array of diagram texts on stdin and prints, for
// each, {"ok":true,"type":"er"} or {"ok":false,"error":"Parse error on line …"}.
// It is a separate ES module process because mermaid ships only ES modules, which Jest's
// CommonJS runtime cannot import.
import mermaid from 'mermaid';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error && error.message ? error.message : error) });
  }
}
process.stdout.write(JSON.stringify(results));
