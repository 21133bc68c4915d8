// <stashform-editor kind="backup|restore|setup|storage|retention|secret">initial YAML</stashform-editor>
//
// One script tag and one element put the stashform editor in any page (docs, wikis):
//   <script type="module" src="/path/to/embed.js"></script>
// The script loads the page's own stylesheet and WebAssembly module from beside itself; nothing
// is sent anywhere.
const base = new URL('.', import.meta.url);
let ready;

function load() {
  if (!ready) {
    if (!document.querySelector('link[data-stashform-style]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL('style.css', base).href;
      link.dataset.stashformStyle = '';
      document.head.append(link);
    }
    ready = import(new URL('stashform_web.js', base).href).then(async (module) => {
      await module.default({ module_or_path: new URL('stashform_web_bg.wasm', base) });
      return module;
    });
  }
  return ready;
}

class StashformEditor extends HTMLElement {
  async connectedCallback() {
    if (this.mounted) return;
    this.mounted = true;
    const initial = this.textContent;
    const kind = this.getAttribute('kind') || 'backup';
    this.textContent = '';
    const root = document.createElement('div');
    root.className = 'stashform-embed-root';
    root.textContent = 'Loading the stashform editor…';
    this.append(root);
    const module = await load();
    module.mount(root, kind, initial);
  }
}

if (!customElements.get('stashform-editor')) {
  customElements.define('stashform-editor', StashformEditor);
}
