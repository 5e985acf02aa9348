-- A tool call a kill switch refused is a decision record too, naming the switch that decided.
-- AlterTable
ALTER TABLE "DecisionRecord" ADD COLUMN     "killSwitchId" TEXT;

-- AddForeignKey
ALTER TABLE "DecisionRecord" ADD CONSTRAINT "DecisionRecord_killSwitchId_fkey" FOREIGN KEY ("killSwitchId") REFERENCES "KillSwitch"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
