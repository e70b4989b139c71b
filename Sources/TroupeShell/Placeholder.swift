import TroupeCore
