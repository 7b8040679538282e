// File inputs that also accept dropped files, and reading a file's text with a size limit.

export const MAX_TEXT_BYTES = 200 * 1024 * 1024;
const VALIDATION_NAME = /valid|holdout|eval|test|\bval\b/i;

function setFile(input, file) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

// With several files dropped on the first zone of a tool, the next zones take the rest: on the
// dataset page the training zone and then the validation zone. A file whose name says it is the
// validation (or test) file goes second. `tell` receives one sentence saying what went where.
function spread(zones, start, files, tell) {
  const targets = zones
    .slice(start)
    .filter((zone) => !zone.closest("[hidden]"))
    .map((zone) => zone.querySelector("input[type=file]"));
  let ordered = [...files];
  if (
    ordered.length === 2 &&
    targets[1]?.dataset.role === "validation" &&
    VALIDATION_NAME.test(ordered[0].name) &&
    !VALIDATION_NAME.test(ordered[1].name)
  )
    ordered = [ordered[1], ordered[0]];
  const used = ordered.slice(0, targets.length);
  used.forEach((file, index) => {
    setFile(targets[index], file);
  });
  if (files.length < 2) return;
  const placed = used
    .map((file, index) => `${file.name} as the ${labelOf(targets[index])}`)
    .join(", ");
  const left = ordered.slice(targets.length).map((file) => file.name);
  tell(
    `${files.length} files dropped: using ${placed}.` +
      (left.length
        ? ` Not used (this box takes one file): ${left.join(", ")}.`
        : " Drop or choose again to change that."),
  );
}

function labelOf(input) {
  return input.dataset.label || input.dataset.role || "file";
}

export function acceptDrops(container, tell = () => {}) {
  const zones = [...container.querySelectorAll(".ftr-drop")];
  zones.forEach((zone, index) => {
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("ftr-drop--over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("ftr-drop--over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("ftr-drop--over");
      const files = [...(event.dataTransfer?.files || [])];
      if (files.length) spread(zones, index, files, tell);
    });
  });
}

export async function readText(file) {
  if (file.size > MAX_TEXT_BYTES) {
    throw new Error(
      `${file.name} is ${Math.round(file.size / 1048576)} MB; this tool reads files up to ${MAX_TEXT_BYTES / 1048576} MB`,
    );
  }
  return { name: file.name, text: await file.text() };
}
