/**
 * Files from a drop, folders included. In Electron the path of a dropped folder is enough
 * (the engine walks it); in a browser we walk the folder entries ourselves.
 */
export async function collectDroppedFiles(dt: DataTransfer, electron: boolean): Promise<File[]> {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  if (electron || !items.some((i) => i.webkitGetAsEntry?.()?.isDirectory)) return [...dt.files];
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const item of items) { const e = item.webkitGetAsEntry(); if (e) await walk(e); }
  return out;
}
