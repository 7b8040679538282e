// Convert and Fix on the dataset page: after a check, offers what Python says can be repaired,
// shows a preview of the first examples before and after, and downloads the result, the rejects
// and the change log. Python decides and phrases; this only builds the form and renders replies.

import { download, el } from "./dom.js";
import { call, repairFiles } from "./worker-client.js";

function lines(title, items) {
  return el(
    "figure",
    { className: "ftr-repair__preview" },
    el("figcaption", { text: title }),
    el("pre", {}, el("code", { text: items.length ? items.join("\n") : "(nothing)" })),
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
        const name = reply.files[key].split("/").pop();
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

export async function offerRepair(container, files, report) {
  const offer = await call("repair_offer", JSON.stringify(report));
  if (!offer.convert && !offer.fix) return;
  const status = el("p", {
    className: "ftr-repair__status",
    role: "status",
    "data-ftr-repair-status": "",
  });
  const result = el("div", { "data-ftr-repair-result": "" });
  const section = el(
    "section",
    { className: "ftr-repair", "data-ftr-repair": "" },
    el("h3", { text: offer.convert ? "Convert to chat examples" : "Fix the file" }),
    ...offer.reasons.map((reason) => el("p", { text: reason })),
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
      lines("Before: the first lines of the file", reply.before),
      lines("After: the first examples written", reply.after),
      el("pre", { className: "ftr-repair__summary" }, el("code", { text: reply.summary })),
      downloads(reply),
    );
    status.textContent = reply.status;
  };
  if (offer.convert) {
    const source = el(
      "select",
      { id: "repair-from", "data-ftr-repair-from": "" },
      offer.sources.map((name) => el("option", { value: name, text: name })),
    );
    const system = el("input", { id: "repair-system", type: "text", "data-ftr-repair-system": "" });
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
    previewButton.addEventListener("click", async () => {
      const reply = await busy("Reading the first records…", () =>
        repairFiles("preview", files.slice(0, 1), options()),
      );
      if (!reply) return;
      result.replaceChildren(
        el(
          "p",
          { "data-ftr-repair-mapping": "" },
          el("strong", { text: "Mapping: " }),
          reply.mapping,
        ),
        ...reply.detected.map((note) => el("p", { text: `Detected: ${note}` })),
        lines("Before: the first lines of the file", reply.before),
        lines("After: the first chat examples", reply.after),
      );
      status.textContent = "Check the mapping and the preview, then convert the whole file.";
      convertButton.hidden = false;
    });
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
        {},
        near,
        el("label", {
          for: "repair-near",
          text: " Also drop near-duplicates (same prompt, case and spacing ignored)",
        }),
      ),
      el("p", {}, fixButton),
    );
  }
  section.append(status, result);
  container.append(section);
}
