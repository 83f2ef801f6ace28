"""mojibake-fix: repair mojibake, lost letters and the spacing they break, and say how.

>>> import mojibake_fix
>>> mojibake_fix.fix_text("le si•ge des Nations-Unies")
'le siège des Nations-Unies'
"""

from .api import REPAIRS, clean, clean_bytes, clean_file, clean_pdf, fix_text
from .changes import Change, CleanResult, Step, Suspicion
from .document import undo
from .options import Options
from .sources.pdf import PDFError

__all__ = [
    "REPAIRS", "Change", "CleanResult", "Options", "PDFError", "Step", "Suspicion",
    "clean", "clean_bytes", "clean_file", "clean_pdf", "fix_text", "undo",
]
__version__ = "0.1.0"
