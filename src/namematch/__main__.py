from namematch.cli import main

raise SystemExit(main())
