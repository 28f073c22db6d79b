// The newsroom's extensions to the rich-text editor (django-prose-editor, on Tiptap), a plain
// ES module with no build step. newsroom/rich_text.py names them and passes their options.
//
// NewsroomEditor: keeps the editor within the admin's Content-Security-Policy, labels it and
// its toolbar for screen readers, makes the toolbar one tab stop (arrow keys inside, Alt+F10
// from the text, Escape back), and says when a stored text holds formatting it cannot keep.
// Image: a figure's picture comes from the image library, chosen or uploaded in a dialog.

import { Extension, Image as EditorImage, Plugin } from "django-prose-editor/editor"

const TOGGLES = new Set([
  "paragraph", "heading2", "heading3", "heading4", "bulletList", "orderedList", "blockquote",
  "bold", "italic",
])
// What the editor turns these into when it reads a text.
const SAME_AS = { b: "strong", i: "em" }

function addStylesheet(href) {
  if (!href || document.querySelector(`link[href="${CSS.escape(href)}"]`)) return
  const link = document.createElement("link")
  link.rel = "stylesheet"
  link.href = href
  document.head.append(link)
}

function labelFor(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
  if (label) return label
  // A tabular inline has no label per cell: its column heading names the field.
  const cell = textarea.closest("td")
  return cell?.closest("table")?.querySelector(`thead th:nth-child(${cell.cellIndex + 1})`) || null
}

function fieldAttributes(textarea) {
  const attributes = { "aria-multiline": "true" }
  const label = textarea && labelFor(textarea)
  if (label) {
    label.id ||= `${textarea.id}-label`
    attributes["aria-labelledby"] = label.id
  }
  const description = textarea?.getAttribute("aria-describedby")
  if (description) attributes["aria-describedby"] = description
  return attributes
}

function tagNames(html) {
  const body = new DOMParser().parseFromString(html, "text/html").body
  return new Set([...body.querySelectorAll("*")].map((el) => SAME_AS[el.localName] || el.localName))
}

function showLostFormatting(editor, textarea, message) {
  const kept = tagNames(editor.getHTML())
  const lost = [...tagNames(textarea.value)].filter((tag) => !kept.has(tag))
  if (!lost.length || !message) return null
  const notice = document.createElement("p")
  notice.className = "rich-text-notice"
  notice.id = `${textarea.id}-notice`
  notice.textContent = message.replace("%(tags)s", lost.map((tag) => `<${tag}>`).join(", "))
  editor.options.element.before(notice)
  return notice
}

function relabel(menu, labels) {
  for (const item of menu.items("blockType lists nodes marks link history")) {
    const level = item.name.match(/^heading(\d)$/)?.[1]
    const label = level ? labels.heading?.replace("%(level)s", level) : labels[item.name]
    if (label && item.button) {
      item.button.title = label
      item.button.setAttribute("aria-label", label)
    }
  }
}

function visibleButtons(menubar) {
  return [...menubar.querySelectorAll("button")].filter((button) => !button.closest(".hidden"))
}

function rove(menubar, focused) {
  const buttons = visibleButtons(menubar)
  const current = buttons.includes(focused) ? focused : buttons[0]
  for (const button of menubar.querySelectorAll("button")) button.tabIndex = button === current ? 0 : -1
}

function makeToolbar(editor, menubar, label) {
  menubar.setAttribute("role", "toolbar")
  menubar.setAttribute("aria-label", label)
  menubar.addEventListener("focusin", (event) => rove(menubar, event.target))
  menubar.addEventListener("keydown", (event) => {
    const buttons = visibleButtons(menubar)
    const index = buttons.indexOf(document.activeElement)
    if (index < 0) return
    if (event.key === "Escape") {
      event.preventDefault()
      editor.commands.focus()
      return
    }
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    buttons[(next + buttons.length) % buttons.length].focus()
  })
  editor.on("transaction", () => {
    for (const button of menubar.querySelectorAll("button[data-name]")) {
      if (TOGGLES.has(button.dataset.name)) {
        button.setAttribute("aria-pressed", String(button.classList.contains("active")))
      }
      button.setAttribute("aria-disabled", String(button.classList.contains("disabled")))
    }
  })
  rove(menubar, null)
}

export const NewsroomEditor = Extension.create({
  name: "newsroomEditor",

  addOptions() {
    return { stylesheet: "", labels: {}, toolbarLabel: "", lostFormatting: "" }
  },

  onBeforeCreate() {
    // Tiptap would add its base styles as an inline <style>, which the admin's CSP refuses
    // (no 'unsafe-inline'); the same rules come from the stylesheet instead.
    this.editor.options.injectCSS = false
    addStylesheet(this.options.stylesheet)
  },

  addStorage() {
    return { attributes: {} }
  },

  addProseMirrorPlugins() {
    const textarea = this.editor.options.element.querySelector("textarea")
    Object.assign(this.storage.attributes, fieldAttributes(textarea))
    return [new Plugin({ props: { attributes: () => this.storage.attributes } })]
  },

  addMenuItems({ menu }) {
    relabel(menu, this.options.labels)
  },

  addKeyboardShortcuts() {
    return {
      "Alt-F10": () => {
        const button = this.editor.storage.menu?.dom?.querySelector("button[tabindex='0']")
        button?.focus()
        return !!button
      },
    }
  },

  onCreate() {
    const textarea = this.editor.options.element.querySelector("textarea")
    const menubar = this.editor.storage.menu?.dom
    if (menubar) makeToolbar(this.editor, menubar, this.options.toolbarLabel)
    if (!textarea) return
    labelFor(textarea)?.addEventListener("click", () => this.editor.commands.focus())
    const notice = showLostFormatting(this.editor, textarea, this.options.lostFormatting)
    if (notice) {
      // Screen readers read the notice with the field, not only sighted editors see it.
      const described = this.storage.attributes["aria-describedby"]
      this.storage.attributes["aria-describedby"] = [described, notice.id].filter(Boolean).join(" ")
      this.editor.view.dispatch(this.editor.state.tr)
    }
  },
})

// The image chooser: a modal dialog filled with the admin's chooser page (a list to search
// and pick from, and an upload form), inserting a figure that names the image by its id.

function insertFigure(editor, data) {
  const attrs = { src: data.src, alt: data.alt, width: data.width, height: data.height, image: String(data.id) }
  const content = [{ type: "image", attrs }]
  if (data.caption) content.push({ type: "caption", content: [{ type: "text", text: data.caption }] })
  editor.chain().focus().insertContent({ type: "figure", content }).run()
}

async function fill(dialog, response, focusSelector) {
  if (!response.ok && response.status !== 400) throw new Error(`chooser: HTTP ${response.status}`)
  // The admin's own page, its values escaped by Django's templates.
  dialog.innerHTML = await response.text()
  const target = dialog.querySelector("[aria-invalid='true']") || dialog.querySelector(focusSelector)
  target?.focus()
}

function failed(dialog, message) {
  const alert = document.createElement("p")
  alert.className = "errornote"
  alert.setAttribute("role", "alert")
  alert.textContent = message
  dialog.prepend(alert)
}

async function search(dialog, form) {
  const url = `${form.action}?${new URLSearchParams(new FormData(form))}`
  await fill(dialog, await fetch(url), "input[type=search]")
}

async function upload(editor, dialog, form) {
  const button = form.querySelector("button[type=submit]")
  button.disabled = true
  form.setAttribute("aria-busy", "true")
  const response = await fetch(form.action, { method: "POST", body: new FormData(form) })
  if (response.status === 201) {
    insertFigure(editor, await response.json())
    dialog.close()
    return
  }
  await fill(dialog, response, "input[type=file]")
}

function openChooser(editor, options) {
  const dialog = document.createElement("dialog")
  dialog.className = "library-chooser"
  dialog.setAttribute("aria-labelledby", "library-chooser-title")
  document.body.append(dialog)
  dialog.addEventListener("close", () => {
    dialog.remove()
    editor.commands.focus()
  })
  dialog.addEventListener("click", (event) => {
    const choice = event.target.closest("button[data-image]")
    if (choice) {
      insertFigure(editor, { ...choice.dataset, id: choice.dataset.image })
      dialog.close()
    } else if (event.target.closest("[data-close]")) {
      dialog.close()
    }
  })
  dialog.addEventListener("submit", (event) => {
    event.preventDefault()
    const form = event.target
    const done = form.method === "post" ? upload(editor, dialog, form) : search(dialog, form)
    done.catch(() => {
      form.querySelector("button[type=submit]")?.removeAttribute("disabled")
      form.removeAttribute("aria-busy")
      failed(dialog, options.failed)
    })
  })
  dialog.showModal()
  fetch(options.chooserUrl)
    .then((response) => fill(dialog, response, "button[data-image], input[type=search]"))
    .catch(() => failed(dialog, options.failed))
}

export const Image = EditorImage.extend({
  addOptions() {
    return { ...this.parent?.(), chooserUrl: "", label: "", failed: "" }
  },

  addAttributes() {
    return {
      ...this.parent?.(),
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => (attributes.image ? { "data-image": attributes.image } : {}),
      },
    }
  },

  addCommands() {
    return {
      ...this.parent?.(),
      chooseLibraryImage:
        () =>
        ({ editor }) => {
          openChooser(editor, this.options)
          return true
        },
    }
  },

  addMenuItems({ menu, buttons }) {
    // Replaces the editor's own figure button, which asks for any image URL.
    menu.defineItem({
      name: "figure",
      groups: "nodes",
      button: buttons.material("image", this.options.label),
      command: (editor) => editor.commands.chooseLibraryImage(),
      active: (editor) => editor.isActive("figure"),
    })
  },
})
