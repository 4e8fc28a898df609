/** Browser mode's "Open capture": upload files from this computer, or name a file on the server. */
import { useState } from 'react';
import { Modal } from './Modal';

interface OpenDialogProps {
  onFiles: (files: File[]) => void;
  onPath: (path: string) => void;
  onClose: () => void;
}

export function OpenDialog({ onFiles, onPath, onClose }: OpenDialogProps) {
  const [path, setPath] = useState('');
  return (
    <Modal title="Open capture" onClose={onClose} small testId="open-dialog">
      <div className="body form">
        <label>
          From this computer (pcap, pcapng or a tcpdump text log; several at once are read as one capture)
          <input
            type="file"
            multiple
            data-testid="open-file-input"
            accept=".pcap,.pcapng,.cap,.dmp,.txt,.log,application/vnd.tcpdump.pcap"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              if (files.length > 0) onFiles(files);
            }}
          />
        </label>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (path.trim()) onPath(path.trim());
          }}
        >
          <label>
            Or a path on the machine running netmortem (no upload: best for big files)
            <input
              data-testid="open-path-input"
              className="mono"
              placeholder="/var/tmp/capture.pcap"
              value={path}
              onChange={(event) => setPath(event.target.value)}
            />
          </label>
          <div>
            <button type="submit" className="primary" data-testid="open-path-button" disabled={!path.trim()}>
              Open path
            </button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
