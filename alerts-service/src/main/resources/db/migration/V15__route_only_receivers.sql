-- a receiver that only contact routes and escalation steps send to: its filters pick nothing by themselves
ALTER TABLE subscription ADD COLUMN route_only BOOLEAN NOT NULL DEFAULT false;
