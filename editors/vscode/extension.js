// Starts `fides lsp` for .fides files and stops it with the editor. Everything
// else (diagnostics, hover, definition, completion, outline) is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("fides");
  const command = settings.get("path", "fides");
  const args = ["lsp", ...settings.get("arguments", [])];
  client = new LanguageClient(
    "fides",
    "Fides",
    { run: { command, args }, debug: { command, args } },
    // Only files on disk: the server checks a pack from its files.
    { documentSelector: [{ scheme: "file", language: "fides" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
