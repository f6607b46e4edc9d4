//===- Explain.cpp - Notes that trace where a shape came from ------------===//
#include "../Analysis/Interpreter.h"

namespace torchshape {

std::vector<Note> Interpreter::historyNotes(const Value &Tensor, llvm::StringRef Role) {
  std::vector<const Origin *> Events;
  for (const Origin *O = Tensor.History.get(); O; O = O->Prev.get())
    if (O->Loc.isValid())
      Events.push_back(O);
  // Oldest first; the last few steps are what a reader needs.
  std::reverse(Events.begin(), Events.end());
  const size_t Keep = 4;
  size_t First = Events.size() > Keep ? Events.size() - Keep : 0;
  std::vector<Note> Notes;
  for (size_t I = First; I < Events.size(); ++I)
    Notes.push_back(Note{Events[I]->Loc, Events[I]->What, {}});
  (void)Role;
  return Notes;
}

void Interpreter::report(Finding F) { S.addFinding(std::move(F), Stack); }

} // namespace torchshape
