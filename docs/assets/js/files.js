// File inputs that also accept a dropped file, and reading a file's text with a size limit.

export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

export function acceptDrops(container) {
  for (const zone of container.querySelectorAll(".ftr-drop")) {
    const input = zone.querySelector("input[type=file]");
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("ftr-drop--over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("ftr-drop--over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("ftr-drop--over");
      if (!event.dataTransfer?.files.length) return;
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
}

export async function readText(file) {
  if (file.size > MAX_TEXT_BYTES) {
    throw new Error(`${file.name} is ${Math.round(file.size / 1048576)} MB; this tool reads files up to ${MAX_TEXT_BYTES / 1048576} MB`);
  }
  return { name: file.name, text: await file.text() };
}
