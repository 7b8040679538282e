// Convert and Fix on the dataset page: after a check, offers what Python says can be repaired,
// shows a preview of the first examples before and after, and downloads the result, the rejects
// and the change log; the result is checked again and its check shown. Python decides and
// phrases; this only builds the form and renders replies.

import { download, el, withCode } from "./dom.js";
import { call, repairFiles } from "./worker-client.js";

// A preview that scrolls is a region a keyboard can reach (and scroll) too.
function lines(title, items) {
  return el(
    "figure",
    { className: "ftr-repair__preview" },
    el("figcaption", { text: title }),
    el(
      "pre",
      { tabindex: "0", role: "region", "aria-label": title },
      el("code", { text: items.length ? items.join("\n") : "(nothing)" }),
    ),
  );
}

function downloads(reply) {
  const labels = {
    output: "Download the result",
    validation_output: "Download the fixed validation file",
    rejects: "Download the rejects",
    dropped: "Download the dropped lines",
    changes: "Download the change log",
  };
  return el(
    "p",
    { className: "ftr-repair__downloads" },
    Object.keys(labels)
      .filter((key) => reply.blobs?.[key])
      .map((key) => {
        const name = reply.names?.[key] ?? reply.files[key].split("/").pop();
        const button = el("button", {
          type: "button",
          className: "md-button",
          "data-ftr-repair-download": key,
          text: `${labels[key]} (${name})`,
        });
        button.addEventListener("click", () =>
          download(
            name,
            reply.blobs[key],
            key === "changes" ? "application/json" : "application/jsonl",
          ),
        );
        return button;
      }),
  );
}

// `hooks`: `onSource(sentence, section)` when the file turns out to be in another format (the page
// says so instead of a list of errors and sends the reader here), `checked(reply)` the element
// showing the check of a converted or fixed file, `onChecked(report)` after that check. Resolves
// with Python's offer ({convert, fix, ...}).
export async function offerRepair(container, files, report, hooks = {}) {
  const offer = await call("repair_offer", JSON.stringify(report));
  if (!offer.convert && !offer.fix) return offer;
  const status = el("p", {
    className: "ftr-repair__status",
    role: "status",
    "data-ftr-repair-status": "",
  });
  const result = el("div", { "data-ftr-repair-result": "" });
  const heading = el("h3", {
    text: offer.convert ? "Convert to chat examples" : "Fix the file",
    tabindex: "-1",
  });
  const section = el(
    "section",
    { className: "ftr-repair", "data-ftr-repair": "" },
    heading,
    ...offer.reasons.map((reason) => el("p", { text: reason })),
    offer.removes.length
      ? el(
          "ul",
          { "data-ftr-repair-removes": "" },
          offer.removes.map((item) =>
            el(
              "li",
              {},
              `${item.text} `,
              el("code", { className: "ftr-code-label", text: item.code }),
            ),
          ),
        )
      : null,
  );
  const busy = async (message, work) => {
    status.textContent = message;
    try {
      const reply = await work();
      if (!reply.ok) status.textContent = `Not done: ${reply.error}`;
      return reply.ok ? reply : null;
    } catch (error) {
      status.textContent = `Not done: ${error.message}`;
      return null;
    }
  };
  const show = (reply, title) => {
    result.replaceChildren(
      el("h4", { text: title }),
      hooks.checked ? hooks.checked(reply) : null,
      lines("Before: the first lines of the file", reply.before),
      lines("After: the first examples written", reply.after),
      el(
        "pre",
        {
          className: "ftr-repair__summary",
          tabindex: "0",
          role: "region",
          "aria-label": "What was changed",
        },
        el("code", { text: reply.summary }),
      ),
      downloads(reply),
    );
    status.textContent = reply.status;
    hooks.onChecked?.(reply.report);
  };
  let previewNow = async () => null;
  if (offer.convert) {
    const source = el(
      "select",
      { id: "repair-from", "data-ftr-repair-from": "" },
      offer.sources.map((name) => el("option", { value: name, text: name })),
    );
    const system = el("input", {
      id: "repair-system",
      type: "text",
      className: "ftr-text-input",
      "data-ftr-repair-system": "",
    });
    const previewButton = el("button", {
      type: "button",
      className: "md-button",
      "data-ftr-repair-preview": "",
      text: "Preview the conversion",
    });
    const convertButton = el("button", {
      type: "button",
      className: "md-button md-button--primary",
      "data-ftr-repair-convert": "",
      text: "Convert",
      hidden: true,
    });
    const options = () => ({ from: source.value, system: system.value || null });
    const preview = async () => {
      const reply = await busy("Reading the first records…", () =>
        repairFiles("preview", files.slice(0, 1), options()),
      );
      if (!reply) return null;
      result.replaceChildren(
        el(
          "p",
          { "data-ftr-repair-mapping": "" },
          el("strong", { text: "Mapping: " }),
          withCode(reply.mapping),
        ),
        ...reply.detected.map((note) => el("p", {}, "Detected: ", withCode(note))),
        lines("Before: the first lines of the file", reply.before),
        lines("After: the first chat examples", reply.after),
      );
      status.textContent = "Check the mapping and the preview, then convert the whole file.";
      convertButton.hidden = false;
      return reply;
    };
    previewButton.addEventListener("click", preview);
    previewNow = preview;
    convertButton.addEventListener("click", async () => {
      const reply = await busy("Converting…", () =>
        repairFiles("convert", files.slice(0, 1), options()),
      );
      if (reply) show(reply, "Converted");
    });
    section.append(
      el("p", {}, el("label", { for: "repair-from", text: "Input format " }), source),
      el(
        "p",
        {},
        el("label", { for: "repair-system", text: "System message for every example (optional) " }),
        system,
      ),
      el("p", {}, previewButton, " ", convertButton),
    );
  } else {
    const near = el("input", { id: "repair-near", type: "checkbox", "data-ftr-repair-near": "" });
    const fixButton = el("button", {
      type: "button",
      className: "md-button md-button--primary",
      "data-ftr-repair-fix": "",
      text: "Fix and preview",
    });
    fixButton.addEventListener("click", async () => {
      const reply = await busy("Fixing…", () =>
        repairFiles("fix", files, { drop_near_duplicates: near.checked }),
      );
      if (reply) show(reply, "Fixed");
    });
    section.append(
      el(
        "p",
        { className: "ftr-check-row" },
        near,
        el("label", {
          for: "repair-near",
          text: "Also drop near-duplicates (same prompt, case and spacing ignored)",
        }),
      ),
      el("p", {}, fixButton),
    );
  }
  section.append(status, result);
  container.append(section);
  if (offer.convert) {
    // The format is read from the file's first records at once: the reader is told what the
    // file is and sent here, with the mapping and the preview ready.
    const reply = await previewNow();
    if (reply && section.isConnected) hooks.onSource?.(reply.verdict, heading);
  }
  return offer;
}
